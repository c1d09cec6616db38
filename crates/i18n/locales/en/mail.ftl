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

## What the e-mails to staff share

mail-staff-greeting = Dear { $name },
mail-staff-signature = The complaints register of { $organisation }
mail-open-complaint = Open complaint { $reference }
mail-open-the-complaint = Open the complaint:
mail-field-reference = Number
mail-field-received = Received
mail-field-channel = Channel
mail-field-complainant = Complainant
mail-field-service = Service
mail-field-due = Due by
mail-field-complaint = Complaint
mail-summary = Summary
mail-complaint-summary = Summary of the complaint
mail-terms = Deadlines under the complaints procedure
mail-term-contact = contact with the complainant: by { $date }
mail-term-offer = judgement and offer: by { $date }
mail-term-record = recording and form to the quality manager: by { $date }
mail-by-date = by { $date }
mail-late = { $what } overdue
mail-and = { $first } and { $second }
mail-working-days = { $count ->
    [one] 1 working day
   *[other] { $count } working days
}
mail-count-complaints = { $count ->
    [one] 1 complaint
   *[other] { $count } complaints
}
mail-count-agreed-actions = { $count ->
    [one] 1 agreed action
   *[other] { $count } agreed actions
}
mail-count-actions = { $count ->
    [one] 1 action
   *[other] { $count } actions
}
mail-count-terms = { $count ->
    [one] 1 deadline
   *[other] { $count } deadlines
}
mail-nobody-yet = nobody yet
mail-not-assigned-yet = not yet assigned
mail-handler-line = Handler: { $handler }
mail-actor-line = Carried out by: { $actor }
mail-responsible-line = Responsible: { $name }
mail-attached-files = Attached files:
mail-col-step = Step
mail-col-action = Action
mail-col-handler = Handler
mail-col-actor = Carried out by
mail-col-responsible = Responsible
mail-step-word-report = reporting
mail-step-word-contact = contact
mail-step-word-offer = offer
mail-step-word-record = recording
mail-today = today
mail-tomorrow = tomorrow
# Whoever acted for someone else, when their name is unknown.
mail-someone-manager = The manager
mail-someone-handler = The handler
mail-someone-quality-manager = The quality manager
mail-someone-director = The director
mail-someone-staff = A member of staff

## New complaint, to the manager (manager_notice)

mail-manager-subject = New complaint { $reference }: assign a handler
mail-manager-title = New complaint { $reference }
mail-manager-intro-staff = { $name } has registered a complaint for which you are responsible.
mail-manager-intro-public = A complaint for which you are responsible has come in through the complaints form on the website.
mail-manager-intro-routed = { $name } has forwarded a complaint to you: you are now responsible for handling it.
mail-manager-intro-converted = { $name } has turned a signal into a complaint, because it had not been resolved after all. You are responsible for handling it; the deadlines run from the conversion.
mail-manager-assign = Handle the complaint yourself or assign a handler (never a member of staff involved in it)

## Handler assigned and handed over (handler_assigned, handler_released)

mail-assigned-subject = You are the handler of complaint { $reference }
mail-assigned-intro = { $by } has made you the handler of complaint { $reference }.
mail-assigned-previous = You are taking over from { $previous }.
mail-assigned-open = The complaint is on your home page. Open it:
mail-assigned-home = The complaint is also on your home page.
mail-released-subject = Complaint { $reference } has been handed over to { $handler }
mail-released-title = Complaint { $reference } has been handed over
mail-released-intro = { $by } has handed over the handling of complaint { $reference } to { $handler }. You are no longer its handler and will no longer receive reminders about it as handler.
mail-released-agreements = If you have already made arrangements with the complainant, please pass them on to { $handler }.
mail-released-link = The complaint:

## Action assigned (action_assigned)

mail-action-assigned-subject = Action { $number } on complaint { $reference } has been assigned to you
mail-action-assigned-title = Action { $number } on complaint { $reference }
mail-action-assigned-intro = { $by } has agreed an action with the complainant of complaint { $reference } that you are to carry out:
mail-action-label = Action { $number }
mail-action-assigned-reminders = You will get a reminder on the working day before and on the day itself.
mail-action-assigned-finish = Once the action has been carried out, mark it as done on the complaint's page

## Work of an absent colleague to hand over (handover)

mail-handover-subject = To hand over: { $summary } of { $person } ({ $why })
mail-handover-title = To hand over: work of { $person }
mail-handover-lead = { $person } { $why }.
mail-handover-intro = Meanwhile you receive the reminders and overviews meant for { $person } in their place. Hand the work over to another handler where needed.
mail-handover-complaints = Complaints handled by { $person } ({ $count })
mail-handover-actions = Agreed actions of { $person } ({ $count })
mail-handover-link = Hand over, one click per complaint:
mail-handover-button = Hand over

## Work handed over at once (bulk_handover)

mail-bulk-subject-received-from = Handed over to you: { $summary } from { $from }
mail-bulk-subject-received = Handed over to you: { $summary }
mail-bulk-subject-given = Your work has been handed over: { $summary }
mail-bulk-title-received-from = Handed over to you: work from { $from }
mail-bulk-title-received = Handed over to you
mail-bulk-title-given = Your work has been handed over
mail-bulk-received-from = { $by } has handed work from { $from } over to you. You now handle or carry out the following; it is also on your home page under { $home }.
mail-bulk-received = { $by } has handed work over to you. You now handle or carry out the following; it is also on your home page under { $home }.
mail-bulk-home = Waiting for me
mail-bulk-given-all = { $by } has handed over your open work. Below is who takes over what from you.
mail-bulk-given = { $by } has handed over some of your work. Below is who takes over what from you.
mail-bulk-complaints = Complaints ({ $count })
mail-bulk-actions = Agreed actions ({ $count })
mail-now-with = now with { $name }

## The director consulted (director_question, director_advice)

mail-director-question-subject = Your advice requested on complaint { $reference }
mail-director-question-intro = { $by } asks for your advice on complaint { $reference } before the offer is made to the complainant (complaints procedure, step 3: { $quote }).
mail-director-question-quote = possibly after consulting the managing director
mail-the-question = The question
mail-field-offer-due = Offer due by
mail-director-question-answer = Give your advice on the complaint's page; the handler will then be notified
mail-director-question-button = Give advice on complaint { $reference }
mail-director-advice-subject = The director's advice on complaint { $reference }
mail-director-advice-intro = { $director } has given advice on complaint { $reference }.
mail-the-advice = The advice
mail-director-advice-record = The advice is kept with the complaint; record the offer there

## Form to the quality manager (form_to_close)

mail-form-subject = Complaint { $reference }: form waiting to be closed
mail-form-title = Complaint { $reference } is waiting to be closed
mail-form-intro = { $by } has sent the complaint form of complaint { $reference } to the quality manager. The complaint is now waiting for you: check the form and close the complaint.
mail-form-blockers = Still missing before it can be closed:
mail-form-all = All complaints waiting to be closed

## Incoming e-mail (incoming_mail) and e-mail from the complainant (complainant_mail)

mail-incoming-subject = Incoming e-mail: { $subject }
mail-incoming-title = Incoming e-mail
mail-incoming-intro-from = An e-mail has come in from { $from } with the subject "{ $subject }". The message is waiting on your home page under "Incoming e-mail": register it as a complaint or signal, or mark it as "not a complaint". A complaint is to be reported the same day.
mail-incoming-intro = An e-mail has come in with the subject "{ $subject }". The message is waiting on your home page under "Incoming e-mail": register it as a complaint or signal, or mark it as "not a complaint". A complaint is to be reported the same day.
mail-attention = Please note:
mail-incoming-open = Open the message
mail-complainant-mail-subject = Complaint { $reference }: e-mail from the complainant
mail-complainant-mail-title = E-mail from the complainant on complaint { $reference }
mail-complainant-mail-intro = The complainant of complaint { $reference } has sent an e-mail with the subject "{ $subject }". You will find it in the complaint's history, as "E-mail from the complainant".

## Account (account)

mail-account-subject-created = Your account for the complaints register of { $organisation }
mail-account-subject-reactivated = Your account is active again
mail-account-subject-unlocked = Your login block has been lifted
mail-account-created = The administrator has created an account for you.
mail-account-reactivated = The administrator has made your account active again.
mail-account-unlocked = The administrator has lifted the block placed on your account after too many failed login attempts.
mail-account-login = You log in with your e-mail address { $email }.
mail-account-login-created = You log in with your e-mail address { $email }; the administrator will give you your password, never by e-mail. After logging in, choose a password of your own under "Password" at the top of the page.
mail-account-not-you = Was it not you trying to log in? Then tell the administrator: someone else has tried.
mail-login = Log in

## Files added (files_added)

mail-files-subject = { $count ->
    [one] Complaint { $reference }: attachment added
   *[other] Complaint { $reference }: attachments added
}
mail-files-intro = { $by } has added { $count ->
    [one] a file
   *[other] { $count } files
} to complaint { $reference }:
mail-files-where = You will find { $count ->
    [one] it
   *[other] them
} under "Attachments" on the complaint's page:

## Messages not sent (failure_notice)

mail-failure-subject-one = Message not sent: { $subject }
mail-failure-subject-many = { $count } messages not sent
mail-failure-title = { $count ->
    [one] Message not sent
   *[other] Messages not sent
}
mail-failure-intro-one = A message could not be sent after { $attempts ->
    [one] 1 attempt
   *[other] { $attempts } attempts
}.
mail-failure-intro-many = { $count } messages could not be sent after their last attempt.
mail-failure-field-to = To
mail-failure-field-subject = Subject
mail-failure-field-attempts = Attempts
mail-failure-field-error = Last error
mail-failure-retry-text = Check the address or the mail server and send the messages again on the Outgoing messages page (one by one, or all at once with "Retry all failed"):
mail-failure-button = Go to Outgoing messages
mail-failure-retry = Check the address or the mail server and send the messages again there: one by one, or all at once with “Retry all failed”.

## Reopened, to staff (reopened_staff)

mail-reopened-staff-subject = Complaint { $reference } has been reopened (round { $round })
mail-reopened-staff-title = Complaint { $reference } has been reopened
mail-reopened-staff-intro = { $by } has reopened complaint { $reference } ({ $kind }). Round { $round } has begun; the previous round stays filed as it was.
mail-reason = Reason
mail-reopened-staff-terms-text = Deadlines of the new round, counted from the reopening:
mail-reopened-staff-terms = Deadlines of the new round
mail-new-term-contact = Contact with the complainant: by { $date }
mail-new-term-offer = Judgement and offer: by { $date }
mail-new-term-record = Recording and form to the quality manager: by { $date }
mail-reopened-staff-home = The complaint is back on your home page:

## Reminder and missed deadline (reminder, missed_term)

mail-reminder-subject = Reminder: deadline for { $step } { $reference } ends { $when }
mail-reminder-title = Deadline for { $step } { $reference } ends { $when }
mail-reminder-intro = The deadline for { $label } of complaint { $reference } ends { $when }: by { $due }.
mail-reminder-no-handler = No handler has been assigned yet; as the responsible manager you receive this reminder. Handle the complaint yourself or assign a handler.
mail-what-to-do-report = Report the complaint to the line manager.
mail-what-to-do-contact = Contact the complainant by telephone or in person, to clarify or resolve the complaint, and record the conversation.
mail-what-to-do-offer = Decide whether the complaint is upheld, decide on compensation or a replacement service, make the offer and record it.
mail-what-to-do-record = Record the actions, offer and outcome on the complaint form and send the form to the quality manager.
mail-missed-subject = Deadline missed: { $step } { $reference } (by { $due })
mail-missed-title = Deadline missed: { $step } { $reference }
mail-missed-intro = The deadline for { $label } of complaint { $reference } has passed without the step being recorded or skipped.
mail-missed-field-term = Deadline
mail-missed-field-late = Overdue by
mail-missed-field-responsible = Responsible
mail-missed-nobody = nobody yet (no handler or manager)
mail-missed-visible = The missed deadline stays visible in the file and in the deadline reports.

## Daily overview (digest)

mail-digest-subject-actions = Open actions { $date }: { $actions }
mail-digest-subject-terms = Open deadlines { $date }: { $terms }
mail-digest-subject-both = Open deadlines { $date }: { $terms }; { $actions }
mail-digest-count-late = { $count }, { $late } overdue
mail-digest-title = Open deadlines
mail-digest-none = On { $date } there are no open deadlines of complaints you are responsible for.
mail-digest-intro = These are the open deadlines of the complaints you are responsible for, on { $date }: { $count }.
mail-digest-intro-late = These are the open deadlines of the complaints you are responsible for, on { $date }: { $count }, of which { $late }.
mail-digest-actions-title = Agreed actions
mail-digest-actions = Agreed actions with a target date: { $count }.
mail-digest-actions-late = Agreed actions with a target date: { $count }, of which { $late }.
mail-digest-action = action { $number }
mail-list-more = { $count ->
    [one] And 1 more line; the full list is in klacht.
   *[other] And { $count } more lines; the full list is in klacht.
}
mail-digest-all = All complaints you are involved in:
mail-digest-button = Go to My complaints

## Reminder of an agreed action (action_reminder)

mail-action-reminder-subject = Reminder: action { $number } on { $reference } is due { $when }
mail-action-overdue-subject = Action overdue: action { $number } on { $reference } (by { $due })
mail-action-reminder-title = Action { $number } on { $reference }: by { $due }
mail-action-overdue-title = Action { $number } on { $reference } is overdue
mail-action-reminder-lead = Action { $number } on complaint { $reference } is due { $when }: by { $due }.
mail-action-overdue-lead = Action { $number } on complaint { $reference } was due by { $due } and has not been completed yet: { $late } overdue.
mail-agreed-action = Agreed action { $number }:
mail-action-why-owner = You own this action. Carry it out and mark it as done on the complaint's page.
mail-action-why-handler = The action has no owner; as the handler of the complaint you receive this message. Carry out the action or have it carried out, and mark it as done on the complaint's page.
mail-action-why-manager = The action has no owner and the complaint no handler yet; as the responsible manager you receive this message. Assign a handler or see to it yourself that the action is carried out.
mail-action-why-responsible = You receive this message as the responsible manager of the complaint. Carried out by: { $actor }.
mail-action-why-standing-in = You receive this message in place of { $whose }. Make sure the action is carried out or hand the complaint over, and have the action marked as done on the complaint's page. Carried out by: { $actor }.
mail-action-whose-owner = the owner of this action
mail-action-whose-handler = the handler of the complaint (the action has no owner)
mail-action-whose-manager = the responsible manager of the complaint

## The director's weekly overview (weekly_overdue)

mail-weekly-subject = Weekly overview week { $week }: { $terms } overdue across { $complaints }
mail-weekly-title = Missed deadlines, week { $week }
mail-weekly-intro = As the person ultimately responsible for complaint handling, you receive the overview of missed deadlines every week. On { $date }, { $terms } of { $complaints } { $count ->
    [one] has
   *[other] have
} passed without the step being recorded or skipped.
mail-weekly-all = The overview of all complaints:
mail-weekly-button = Go to the overview

## Who receives in another's place, and what is open: filled in by the
## deadline engine, the handover and the form sent to the quality manager

mail-unavailable-absent = is away up to and including { $date }
mail-unavailable-inactive = is no longer active
mail-unavailable-absent-short = away until { $date }
mail-unavailable-inactive-short = no longer active
mail-name-with-status = { $name } ({ $status })
mail-former-employee = a former colleague
mail-on-behalf = { $name } { $why }; you are receiving { $what } in their place.
mail-on-behalf-reminder = this reminder
mail-on-behalf-digest = this overview
mail-on-behalf-message = this message
mail-next-term = { $step }, by { $date }
mail-actor = { $name } ({ $role })
mail-actor-unavailable = { $name } ({ $role }, { $status })
mail-actor-role-owner = owner
mail-actor-role-handler = handler; the action has no owner
mail-actor-role-manager = responsible manager; there is no owner or handler

## What is wrong with an incoming e-mail (kept with the message, and in the notice)

mail-incoming-problem-unreadable = The message cannot be read; it has been kept unchanged.
mail-incoming-problem-no-sender = The sender cannot be read (no valid e-mail address).
mail-incoming-problem-empty = The message has neither a subject nor any text.
mail-incoming-problem-too-many-files = '{ $name }' was not kept separately: at most { $max } attachments per message.
mail-incoming-problem-file-refused = Attachment not kept separately: { $reason }
