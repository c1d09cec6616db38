# The public site: the complaint form, the confirmation, the status, the
# satisfaction check and the regulation.

public-title-default = Complaints
skip-to-content = Skip to content
public-nav-label = Complaints
public-nav-submit = Make a complaint
public-nav-status = Track your complaint
public-nav-regulation = Complaints procedure
public-language-switch = Language
public-footer-html = { $organisation } handles your complaint under its <a href="/reglement">complaints procedure</a>. Staff? <a href="/inloggen">Sign in</a>.
public-error-prefix = Error:

## The complaint form

form-title = Make a complaint
form-not-sent = Your complaint has not been sent yet
form-kept = What you entered has been kept.
form-choose-files-again = Please choose your attachments again: we only keep them once the complaint has been sent.
form-intro-html = Are you unhappy with our services or with one of our staff? Tell us. We will contact you within 2 working days and make you a proposal within 2 weeks. That is what our <a href="/reglement">complaints procedure</a> promises.
form-code-html = After sending you receive a <strong>tracking code</strong>. With it you can follow your complaint on the <a href="/status">status page</a>.
form-required-html = Fields marked with <span aria-hidden="true">*</span><span class="visually-hidden">an asterisk</span> are required.
form-you = About you
form-name = Your name *
form-email = Email address
form-email-hint = We send the confirmation with your tracking code here. No email? Then fill in your phone number.
form-phone = Phone number
form-phone-hint = We will call you to discuss your complaint.
form-address = Address (optional)
form-on-behalf = On whose behalf are you making the complaint? (optional)
form-on-behalf-hint = Only fill this in if you are complaining for someone else, for example a relative.
form-complaint = Your complaint
form-service = Which service or department is your complaint about?
form-service-hint = Not sure? Then we will find out who should handle your complaint.
form-service-unknown = I don't know / other
form-description = What happened? *
form-description-hint = What went wrong, when, and who was there? And what would you like to see happen?
form-honeypot = Leave this field empty
form-files = Attachments (optional)
form-files-hint = For example a photo or a letter: at most { $files } files, each at most { $mb } MB, as PDF, JPEG, PNG or Word (.docx).
form-privacy = We use your details only to handle your complaint and to learn from complaints.
form-submit = Send complaint

## Messages on the form

form-error-name-missing = Enter your name.
form-error-name = Check your name: it is too long or contains characters we cannot store.
form-error-email = Enter a valid email address, such as name@example.com.
form-error-phone = Enter a valid phone number, such as +31 20 123 4567.
form-error-address = Check your address: it is too long or contains characters we cannot store.
form-error-contact = Enter an email address or a phone number, so that we can contact you.
form-error-on-behalf = Check the name of the person on whose behalf you are complaining.
form-error-description-missing = Describe your complaint.
form-error-description-long = The description is too long (at most { $max } characters).
form-error-service = This service is no longer on the list. Choose a service, or 'I don't know / other'.
form-error-honeypot = This field must stay empty.
form-error-spam = Your complaint has not been sent. The field 'Leave this field empty' must stay empty.
form-error-rate = { $count } complaints have already been sent from this address in a short time. Please try again after { $until }, or call us.
form-error-expired = Your complaint has not been sent yet: the form had expired. Check your details and send it again.
form-error-files-too-large = Your files are too large to send together. Choose at most { $files } files of at most { $mb } MB each.
form-error-unreadable = The form did not arrive properly. Check your details, choose your files again and send it once more.
form-error-file = We cannot accept one of your files. Choose at most { $files } files of at most { $mb } MB each, as PDF, JPEG, PNG or Word (.docx).
form-error-failed = Your complaint could not be sent just now. Please try again later or contact us.

## The confirmation

confirm-title = Complaint received
confirm-heading = We have received your complaint
confirm-thanks-html = Thank you. Your complaint has been registered under number <strong id="reference" class="ref">{ $reference }</strong> (received on { $received }).
confirm-code = Your tracking code
confirm-code-use-html = With this code you can follow your complaint on the <a href="/status/{ $code }">status page</a>. Keep the code safe and do not share it: anyone who has it can see how your complaint is progressing.
confirm-code-mailed = You will also find the code in the confirmation email.
confirm-code-write-down = Write the code down or take a screenshot: this page is shown only once.
confirm-to-status = Go to the status page
confirm-next = What happens next?
confirm-step = Step
confirm-by = By
confirm-working-days = Terms are counted in working days (Monday to Friday, excluding public holidays).
confirm-term-contact = We contact you
confirm-term-offer = You hear our decision and our offer
confirm-term-record = The handling is recorded
confirm-none-title = No confirmation
confirm-none-heading = No confirmation to show
confirm-none-text = The confirmation of a complaint is shown once, right after sending. If you sent your complaint, you will also find your tracking code in the confirmation email.
confirm-none-status = Track your complaint
confirm-none-submit = Make a complaint

## Status

lookup-title = Track your complaint
lookup-not-found = No complaint found
lookup-not-found-text = We cannot find a complaint with this tracking code. Check the code in your confirmation and try again. Still no luck? Then please contact us.
lookup-code = Your tracking code
lookup-code-hint = The code from your confirmation, for example ABCD-EFGH-JKMN. Upper or lower case makes no difference.
lookup-code-error = Check the tracking code: it has 12 letters and digits, such as ABCD-EFGH-JKMN.
lookup-submit = Show status
status-title = Status of complaint { $reference }
status-heading = Status of your complaint
status-reference = Complaint number
status-received = Received on
status-state = Current state
status-reopened = Reopened
status-reopened-on = on { $date }; the terms below apply to the new handling
status-progress = Progress
status-terms = Terms
status-step = Step
status-by = By
status-outcome = State
status-satisfaction = How satisfied are you?
status-satisfaction-text = We would like to hear how you experienced the handling of your complaint.
status-satisfaction-give = Give your opinion
status-satisfaction-given = You told us how satisfied you were on { $date }. Thank you.
status-privacy = This page shows no personal details. Questions about your complaint? Contact us and quote your complaint number.
status-now-signal = resolved straight away
status-now-awaiting-handler = received, being scheduled
status-now-in-progress = being handled
status-now-recorded = handled, being closed
status-now-escalated = referred to an independent party
status-now-closed = closed
status-now-reopened = reopened, being handled again
status-phase-received = Received
status-phase-in-progress = Being handled
status-phase-contact = We contacted you
status-phase-offer = Decision and offer made
status-phase-done = Closed
status-phase-state-done = done
status-phase-state-current = up now
status-phase-state-waiting = not yet
status-phase-state-skipped = not applicable
status-step-report = Passed to the person responsible
status-step-report-rule = the same day
status-step-contact = Contact with you
status-step-contact-rule = within 2 working days
status-step-offer = Decision and offer
status-step-offer-rule = within 2 weeks
status-step-record = Handling recorded
status-step-record-rule = within 3 weeks
status-term-waived = not applicable
status-term-done = done on { $date }
status-term-done-late = done on { $date } (later than planned)
status-term-overdue = term passed
status-term-today = today
status-term-not-yet = not yet

## Satisfaction

satisfaction-title = Satisfaction with complaint { $reference }
satisfaction-heading = How satisfied are you?
satisfaction-about-html = About the handling of complaint <strong class="ref">{ $reference }</strong>.
satisfaction-back = Back to the status of your complaint
satisfaction-not-sent = Your answer has not been sent yet
satisfaction-question = How satisfied are you with the handling of your complaint?
satisfaction-score-1 = very dissatisfied
satisfaction-score-2 = dissatisfied
satisfaction-score-3 = neutral
satisfaction-score-4 = satisfied
satisfaction-score-5 = very satisfied
satisfaction-comment = Comments (optional)
satisfaction-comment-hint = What went well, what could be better?
satisfaction-submit = Send
satisfaction-error-expired = The form had expired. Choose your answer and send it again.
satisfaction-error-score = Choose a score from 1 to 5.
satisfaction-error-comment = Your comment is too long (at most { $max } characters) or contains characters we cannot store.
satisfaction-closed-signal = There is no satisfaction check for this report.
satisfaction-closed-given = You already told us how satisfied you were on { $date }. Thank you.
satisfaction-closed-not-yet = You can tell us how satisfied you are once we have let you know our decision on the complaint.

## The regulation

regulation-title = Complaints procedure
regulation-submit = Make a complaint
regulation-fallback = The complaints procedure is only available in Dutch.
