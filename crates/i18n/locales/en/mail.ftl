# The words of the e-mail to the complainant (and their representative).
# The structure (blank lines, bullets, markup) lives in klacht-mail's
# templates; only the sentences are here. Values in bold get their markup
# in the HTML template, so no markup here.

## What every e-mail shares (layout.txt and layout.html)

mail-closing = Kind regards,
mail-footer = This message was sent automatically by the complaints register of { $organisation }.

## What the e-mails to the complainant share

mail-greeting = Dear { $name },
mail-next = What happens next?
mail-status-page = On this page you can see how your complaint is progressing:
mail-status-link = View the progress of your complaint
mail-questions = If you have any questions, please reply to this e-mail and quote number { $reference }.
mail-judgement = Our judgement: your complaint is { $merit }.

## The judgement, the kind of offer and the reason for reopening, as the complainant reads them

mail-merit-founded = upheld
mail-merit-partly-founded = partly upheld
mail-merit-unfounded = not upheld
mail-offer-kind-compensation = compensation
mail-offer-kind-replacement-service = replacement service
mail-offer-kind-extra-service = additional service
mail-offer-kind-none = no offer
mail-reopening-kind-complainant-objection = your objection
mail-reopening-kind-external-ruling = a ruling by an external body
mail-reopening-kind-new-facts = new facts

## Acknowledgement of receipt (confirmation)

mail-confirmation-title = Your complaint has been received
mail-confirmation-subject = { mail-confirmation-title } ({ $reference })
mail-confirmation-received = We received your complaint on { $received } and registered it under number { $reference }. Thank you for taking the trouble to let us know.
mail-confirmation-code = Your tracking code is { $code }.
mail-confirmation-contact = By { $date }, the person handling your complaint will contact you by telephone or in person to discuss it.
mail-confirmation-offer = By { $date }, you will hear our judgement and, where appropriate, our proposal to put things right.
mail-confirmation-record = By { $date }, we will have recorded how your complaint was handled.
mail-confirmation-regulation = These deadlines are set out in our complaints procedure.

## Satisfaction survey (satisfaction)

mail-satisfaction-title = How satisfied are you?
mail-satisfaction-subject = How satisfied are you with the handling of your complaint? ({ $reference })
mail-satisfaction-recorded = The handling of your complaint with number { $reference } has been recorded. We would like to know how satisfied you are with the way we dealt with your complaint.
mail-satisfaction-form-page = It takes just a minute to fill in, on this page:
mail-satisfaction-form = It takes just a minute to fill in.
mail-satisfaction-form-link = Give your view on how your complaint was handled
mail-satisfaction-by-reply = You can give your answer by replying to this e-mail.
mail-satisfaction-thanks = Your answer helps us to improve our service. Thank you.

## Confirmation of the offer (offer_confirmation)

mail-offer-title = Confirmation of our offer
mail-offer-subject = { mail-offer-title } ({ $reference })
mail-offer-intro = As discussed, we hereby confirm in writing our offer in response to your complaint with number { $reference }.
mail-offer-made = Our offer, made on { $date }
mail-offer-field-kind = Type
mail-offer-field-description = Description
mail-offer-field-value = Value
mail-offer-respond-by = We would like to hear by { $date } whether you accept the offer.
mail-offer-respond = We would like to hear whether you accept the offer.
mail-offer-reply = You can reply to this e-mail. Please quote number { $reference }.
mail-offer-reply-handler = You can reply to this e-mail or contact { $handler }. Please quote number { $reference }.

## Confirmation of a decision without an offer (decision_confirmation)

mail-decision-title = Confirmation of our decision
mail-decision-subject = { mail-decision-title } ({ $reference })
mail-decision-intro = As discussed, we hereby confirm in writing our decision on your complaint with number { $reference }, which we communicated to you on { $date }.
mail-decision-no-offer = We are not offering you compensation or a replacement or additional service.
mail-decision-disagree = If you do not agree with this decision, please let us know: reply to this e-mail and quote number { $reference }. If we cannot resolve this together, we can involve an external party, such as a mediator or a complaints committee.
mail-decision-disagree-handler = If you do not agree with this decision, please let us know: reply to this e-mail or contact { $handler } and quote number { $reference }. If we cannot resolve this together, we can involve an external party, such as a mediator or a complaints committee.

## Reopened, to the complainant (reopened_complainant)

mail-reopened-title = Your complaint is being reconsidered
mail-reopened-subject = Your complaint { $reference } is being reconsidered
mail-reopened-intro = We are reconsidering your complaint { $reference } ({ $kind }). The earlier handling is kept as it was; the new handling has its own deadlines.
mail-reopened-status-page = On this page you can see how your complaint is progressing (tracking code { $code }):
mail-reopened-contact = By { $date }, the person handling your complaint will contact you by telephone or in person.
mail-reopened-offer = By { $date }, you will hear our new judgement and, where appropriate, our proposal.
mail-reopened-record = By { $date }, we will have recorded how your complaint was handled this time.
