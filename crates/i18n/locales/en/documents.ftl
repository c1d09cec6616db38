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
