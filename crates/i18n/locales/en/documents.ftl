# The documents for the complainant: the letter confirming the offer (or,
# without one, the decision). British English, as a letter from a Dutch
# organisation to someone living in the Netherlands would read. Dutch is
# the reference: every key there is here too, with the same
# { $placeholders }.

## The letter's fixed words (aanbod.typ)

doc-letter-department = Complaints Team
doc-letter-footer = { $organisation } · Complaints Team · reference { $reference }
# Typst fills in the page number and the page count when it sets the page.
doc-letter-page = Page { $page } of { $pages }
doc-letter-date = Date
doc-letter-our-reference = Our reference
doc-letter-your-reference = Your reference
doc-letter-subject = Subject
doc-letter-our-offer = Our offer
doc-letter-actions-intro = We have also agreed the following with you:
# "Dear Sir or Madam" closes with "Yours faithfully" in British letters.
doc-letter-sign-off = Yours faithfully,

## The letter's sentences (letter.rs)

doc-letter-your-complaint-of = Your complaint of { $date }
doc-letter-subject-offer = Confirmation of our offer
doc-letter-subject-decision = Confirmation of our decision
doc-letter-salutation = Dear Sir or Madam,
doc-letter-signer-title = Complaints handler
# $complaint is one of the four phrases below.
doc-letter-received = On { $date }, { $organisation } received { $complaint }.
doc-letter-your-complaint = your complaint
doc-letter-your-complaint-about = your complaint about { $service }
doc-letter-complaint-on-behalf = the complaint you submitted on behalf of { $complainant }
doc-letter-complaint-about-on-behalf = the complaint about { $service } that you submitted on behalf of { $complainant }
doc-letter-contact-telephone = On { $date }, we discussed the complaint with you by telephone.
doc-letter-contact-face-to-face = On { $date }, we discussed the complaint with you in person.
doc-letter-offer-made = On { $date }, we made you an offer. This letter confirms that offer:
doc-letter-decision-made = On { $date }, we informed you of our decision: we are not offering you compensation, a replacement service or an additional service. This letter confirms that decision.
doc-letter-offer-kind = Type
doc-letter-offer-description = Description
doc-letter-offer-value = Value
doc-letter-offer-made-on = Offer made on
doc-letter-director-offer = We discussed this offer with our director.
doc-letter-director-decision = We discussed this decision with our director.
doc-letter-accepted = You have let us know that you accept the offer. We will make sure that what we agreed is carried out.
doc-letter-declined = You have let us know that you do not accept the offer. We will contact you to discuss how to proceed.
doc-letter-awaiting-answer = Please let us know whether you accept the offer.
doc-letter-action-due = { $action } (by { $date })
doc-letter-objection-offer = If you are not satisfied with how your complaint has been handled, please let us know. If we cannot resolve the matter together, we can involve an external party, such as a mediator or a complaints committee.
doc-letter-objection-decision = If you disagree with this decision, please let us know. If we cannot resolve the matter together, we can involve an external party, such as a mediator or a complaints committee.
doc-letter-reply-reference = If you reply to this letter, please quote our reference { $reference }.

## What the letter calls the kind of offer (OfferKind, by its code)


## The draft of the text about the judgement: the offer form's prefill,
## and what the letter says when the offer has no text of its own

doc-draft-founded = We have looked carefully at your complaint and have decided to uphold it. We are sorry that we did not do what you were entitled to expect of us.
doc-draft-partly-founded = We have looked carefully at your complaint and have decided to uphold it in part. On some of the points you raised we agree with you; we are sorry that things did not go as you were entitled to expect.
doc-draft-unfounded = We have looked carefully at your complaint and have decided not to uphold it. We understand that this is not the outcome you had hoped for, and we thank you for bringing the matter to our attention.
doc-draft-none = We have looked carefully at your complaint.

## The complaint form (klachtenformulier.typ): the template's words

doc-form-title = Complaint form
doc-form-form-version = Complaint form v02
doc-form-version = version v02 · in line with the complaints procedure
doc-form-reference = Complaint reference
doc-form-yes = yes
doc-form-no = no
doc-form-section-1 = 1. Receipt and report (step 1)
doc-form-section-2 = 2. Complainant (person concerned)
doc-form-section-3 = 3. On behalf of (representative)
doc-form-section-4 = 4. The complaint
doc-form-section-5 = 5. Handling
doc-form-section-6 = 6. Contact with the complainant (step 2)
doc-form-section-7 = 7. Judgement and offer (step 3)
doc-form-section-8 = 8. Complainant's response and satisfaction
doc-form-section-9 = 9. Actions and agreements (step 4)
doc-form-section-10 = 10. External escalation
doc-form-section-11 = 11. Deadlines
doc-form-section-12 = 12. Closing by the quality manager
doc-form-kind = Type
doc-form-converted-from = Converted from a signal:
doc-form-received-at = Received on
doc-form-received-by = Received by
doc-form-received-via = Received via
doc-form-reported-to = Reported to manager
doc-form-on = on
doc-form-name = Name
doc-form-email = Email address
doc-form-phone = Phone
doc-form-address = Address
doc-form-representative = Representative
doc-form-not-applicable = not applicable
doc-form-service = Service
doc-form-involved = Staff involved
doc-form-description = Description
doc-form-category = Category
doc-form-cause = Cause
doc-form-handler = Handler
doc-form-assistants = Assisted by
doc-form-date = Date
doc-form-mode = Form
doc-form-summary = Summary
doc-form-recorded-by = Recorded by
doc-form-merit = Judgement
doc-form-reasoning = Reasoning
doc-form-no-advice = no advice yet
doc-form-offer = Offer
doc-form-offer-description = Offer description
doc-form-value = Value
doc-form-letter-text = Text for the complainant
doc-form-director-consulted = After consulting the director
doc-form-offer-made-on = Offer made on
doc-form-own-satisfaction = Satisfaction according to the complainant (1–5)
doc-form-satisfaction = Satisfaction (1–5)
doc-form-by-handler = , recorded by the handler
doc-form-comment = Comment
doc-form-accepted = accepted
doc-form-declined = declined
doc-form-actions = Actions
doc-form-no-actions = no actions agreed
doc-form-nr = No.
doc-form-agreement = Agreement
doc-form-due = Due by
doc-form-completed = Completed
doc-form-form-to-quality = Form to quality manager
doc-form-not-sent = not yet sent
doc-form-party = External party
doc-form-outcome = Outcome
doc-form-not-known = not yet known
doc-form-step = Step
doc-form-done-on = Done on
doc-form-status-head = Status
doc-form-filed = Filed in the complaints archive
doc-form-not-closed = not yet closed
doc-form-exact = E-Synergy registration
doc-form-initials-handler = Handler's initials
doc-form-initials-quality = Quality manager's initials
doc-form-status = Status: { $status }
doc-form-consultation = Director's advice (question { $number })
doc-form-question = Question to { $director } ({ $asked }): { $question }
doc-form-advice = Advice ({ $advised }): { $advice }
doc-form-via-website = (via the website, { $date })
doc-form-waived = Skipped: { $step }
doc-form-engaged-on = , engaged on { $date }
doc-form-initials-handler-named = Handler's initials ({ $name })

## The complaint form: the values (form.rs)

doc-form-value-received-online = via the website
doc-form-value-accepted-yes = accepted
doc-form-value-accepted-no = declined
doc-form-value-accepted-unknown = unknown
doc-form-value-action-completed = completed { $at }
doc-form-value-action-open = open
doc-form-value-form-sent = sent by { $by } on { $at }
doc-form-value-resolved = resolved
doc-form-value-unresolved = unresolved
doc-form-value-term-waived = skipped ({ $status })
doc-form-value-round = Handling round { $round }, reopened on { $date } ({ $kind }): { $reason }
doc-form-value-copy-printed = Printed { $at } by { $by }
doc-form-value-copy-filed = Filed in the complaints archive on { $at } by { $by }
doc-form-value-copy-anonymised = Filed in the complaints archive on { $filed } by { $by }; anonymised on { $at } (retention period expired)
doc-form-value-unknown-user = unknown user
doc-form-value-actor-complainant = complainant (website)
doc-form-value-actor-system = system
doc-form-file-name = complaint-form
