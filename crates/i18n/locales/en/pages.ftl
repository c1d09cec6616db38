# The remaining staff pages: calendar feed, absence and handing over,
# outgoing messages, incoming email and the refused single sign-on.

## Calendar feed (/agenda)

agenda-title = Calendar subscription
agenda-intro = Put the deadlines of the complaints you handle, or are responsible for as a manager, in your calendar, in Outlook or on your phone. Each deadline appears as an all-day event on the last day on which the step is on time. Agreed actions with a target date that you own, or that belong to a complaint you handle or are responsible for, are included too, on their target date. The calendar updates itself; it contains no details of complainants, only the complaint reference, the step or the action number and a link to the complaint.
agenda-your-address-html = <strong>Your personal calendar address</strong> (visible only now; keep it safe or add it straight away):
agenda-address = Address
agenda-add-here = Add to the calendar on this device
agenda-how-html = In Outlook: <em>Add calendar</em> &rarr; <em>Subscribe from web</em>, and paste the address. On an iPhone: <em>Settings</em> &rarr; <em>Calendar</em> &rarr; <em>Accounts</em> &rarr; <em>Add Account</em> &rarr; <em>Other</em> &rarr; <em>Add Subscribed Calendar</em>. In Google Calendar: <em>Other calendars</em> &rarr; <em>From URL</em>.
agenda-keep-secret = Anyone who has this address can see your deadlines. Do not share it. Lost or shared it? Create a new address below; the old one then stops working.
agenda-since = You have had a calendar subscription since { $date }.
agenda-shown-once = For security reasons the address is shown only once. Lost it? Create a new address; the old one then stops working.
agenda-new-address = Create a new address
agenda-remove = Cancel subscription
agenda-none = You do not have a calendar subscription yet.
agenda-make = Create calendar address
agenda-admin = As an administrator you do not handle complaints and have no deadlines.
agenda-removed = The calendar subscription has been cancelled; the address no longer works.
agenda-was-none = There was no calendar subscription.

## The calendar itself (the .ics file)

agenda-feed-name = Complaint deadlines { $organisation }
agenda-feed-word-report = report
agenda-feed-word-contact = contact
agenda-feed-word-offer = offer
agenda-feed-word-record = record
agenda-feed-late = Overdue: { $summary }
agenda-feed-step = { $step } { $reference }
agenda-feed-step-description = Deadline '{ $step }' of complaint { $reference }: by { $date } ({ $status }).
agenda-feed-action = Action { $number } { $reference }
agenda-feed-action-description = Agreed action { $number } on complaint { $reference }: by { $date } ({ $status }).

## Absence (/afwezigheid)

absence-title = Absence
absence-intro = Record when someone is away, for example on holiday or ill. While someone is away, the reminders and overviews meant for them go to the responsible manager, and those messages say whom they were meant for. On the first day the manager receives one message listing the complaints and agreed actions that may need to be handed over.
absence-handover-link = Hand over complaints of absent or inactive handlers
absence-record = Record an absence
absence-whom = For whom
absence-from = From
absence-to = Up to and including
absence-note-html = Note (optional, for example "holiday"; no medical details)
absence-submit = Record
absence-current = Current and planned absences
absence-none = No current or planned absence has been recorded.
absence-col-who = Who
absence-col-period = Period
absence-col-note = Note
absence-col-recorded-by = Recorded by
absence-now-absent = (away now)
absence-end = End
absence-remove = Remove
absence-end-hint = End: the person is back from today. Remove: an absence that has not yet begun is cancelled.
absence-yourself = { $name } (yourself)
absence-unknown-person = unknown
absence-period = { $from } up to and including { $to }
absence-admin = As an administrator you do not handle complaints; absences are not recorded here.
absence-recorded-own = Your absence has been recorded. During that period reminders go to the manager.
absence-recorded-own-alerted = Your absence has been recorded. Meanwhile reminders go to the manager, who has received an overview of the work to hand over.
absence-recorded-other = The absence of { $name } has been recorded. During that period reminders go to the manager.
absence-recorded-other-alerted = The absence of { $name } has been recorded. Meanwhile reminders go to the manager, who has received an overview of the work to hand over.
absence-removed = The absence of { $name } has been removed.
absence-ended = { $name } is back; reminders go to { $name } again.

## Hand over (/afwezigheid/overdragen)

handover-title = Hand over
handover-intro = Complaints whose handler is away today or no longer active, and that you can assign to another handler. The handover appears in the complaint's timeline; the new handler is notified.
handover-to-absence = To Absence
handover-none = There are no complaints to hand over.
handover-col-complaint = Complaint
handover-col-handler = Handler
handover-col-next-term = Next deadline
handover-col-to = Hand over to
handover-nobody = Nobody available
handover-new-handler-for = New handler for { $reference }
handover-submit = Hand over
handover-per-person = Hand over all work of one colleague
handover-per-person-intro = Hand over all open complaints and agreed actions of one person in a single form, for example during a long absence or when someone leaves.
handover-of = Handover of { $name }
handover-inactive = { $name } (no longer active)
handover-absent-until = { $name } (away until { $day } { $month })
handover-next-term = { $step }, by { $date }
handover-forbidden = Handing over is for managers, the quality manager and the director.
handover-choose = Choose whom to hand the complaint over to.
handover-done = Complaint { $reference } has been handed over to { $name }.

## Handover of one colleague (/medewerkers/…/overdracht)

bulk-handover-intro = All open complaints that { $name } handles and all open agreed actions that { $name } carries out. Choose for each line who takes it over (yourself by default) and hand everything over at once. Each handover appears in the complaint's timeline; everyone who receives something gets one message with the list, and so does { $name }.
bulk-handover-to-handover = To Hand over
bulk-handover-nothing = { $name } has no open complaints or actions to hand over.
bulk-handover-col-what = What
bulk-handover-col-note = Details
bulk-handover-new-owner-for = New owner for { $reference }
bulk-handover-submit = Hand over everything
bulk-handover-handler = Handler
bulk-handover-action = Action { $number }
bulk-handover-refused = Nothing has been handed over: not everything can go to the chosen person. Adjust the choice on the marked lines.
bulk-handover-not-everything = Not everything can be handed over.
bulk-handover-nothing-moved = There was nothing to hand over.
bulk-handover-moved = Handed over: { $complaints ->
        [one] 1 complaint
       *[other] { $complaints } complaints
    } and { $actions ->
        [one] 1 agreed action
       *[other] { $actions } agreed actions
    }. Everyone who received something got one message with the list.

## Outgoing messages (/berichten)

outbox-title = Outgoing messages — { $organisation }
outbox-heading = Outgoing messages
outbox-server-html = Email goes through the mail server <strong>{ $server }</strong>. A message that does not arrive is retried at ever longer intervals; after the last attempt it is listed below under <em>Failed</em>.
outbox-no-server-html = <strong>No mail server has been configured</strong> (<code>KLACHT_SMTP_URL</code>). Messages stay in the queue and are sent as soon as a mail server is configured.
outbox-counts = Counts
outbox-pending = In the queue
outbox-sent = Sent
outbox-failed = Failed
outbox-exact-html = Registrations for Exact that have not yet been delivered, to import into Exact yourself: <a href="/berichten/exact.csv" download>CSV</a> · <a href="/berichten/exact.json" download>JSON</a>.
outbox-no-failed = No failed messages.
outbox-retry-all = Retry all failed messages
outbox-col-created = Created
outbox-col-to = To
outbox-col-subject = Subject
outbox-col-attempts = Attempts
outbox-col-error = Last error
outbox-col-action = Action
outbox-col-status = Status
outbox-col-sent = Sent
outbox-complaint = (complaint)
outbox-retry = Retry
outbox-recent = Latest messages
outbox-no-messages = No messages yet.
outbox-attempts = ({ $count } attempts)
outbox-status-pending = in the queue
outbox-status-sent = sent
outbox-status-failed = failed
outbox-kind-mail = email
outbox-kind-exact = registration in Exact
outbox-exact-subject = Registration in Exact of complaint { $reference }
outbox-forbidden = Outgoing messages are for the quality manager.
outbox-retry-forbidden = Only the quality manager can resend messages.
outbox-requeued = The message “{ $subject }” is back in the queue.
outbox-not-failed = This message had already been resubmitted or has been sent.
outbox-none-failed = There were no failed messages left.
outbox-requeued-all =
    { $count ->
        [one] 1 message is back in the queue.
       *[other] { $count } messages are back in the queue.
    }

## Incoming email (/binnengekomen/…)

mailbox-page-title = Incoming email — { $organisation }
mailbox-heading = Incoming email
mailbox-reply-heading = Email from the complainant
mailbox-from = From
mailbox-subject = Subject
mailbox-received = Received
mailbox-files = Attachments
mailbox-problem-html = <strong>Note:</strong>
mailbox-reply-html = This email from the complainant is in the history of <a href="/klachten/{ $complaint }">the complaint</a>.
mailbox-read = Mark as read
mailbox-done = This message has already been dealt with.
mailbox-not-allowed = Only the quality manager deals with incoming email.
mailbox-back = Back to Waiting for me
mailbox-service = Service
mailbox-service-unknown = Don't know / other
mailbox-register-complaint = Register as a complaint
mailbox-register-signal = Register as a signal
mailbox-dismiss = Not a complaint
mailbox-unknown-sender = unknown sender
mailbox-no-subject = (no subject)
mailbox-marked-read = The complainant's email has been marked as read.
mailbox-choose-kind = Choose complaint or signal.
mailbox-unknown-service = This service does not exist.
mailbox-registered = The email has been registered as { $kind } { $reference }.
mailbox-dismissed = The email has been marked as not a complaint.

## Single sign-on refused

sso-refused-title = Sign-in failed
sso-refused-account = You can only use klacht with an active account of your organisation.
sso-refused-ask-admin-html = Ask the klacht administrator (Administration &gt; Users) for an account or to reactivate it.
sso-refused-ask = Ask the klacht administrator for an account or to reactivate it:
sso-refused-name-address = Mention the email address above.
sso-refused-back = Back to sign-in
sso-refused-unknown-account = There is no klacht account for { $email }.
sso-refused-deactivated = The account { $email } has been deactivated.
sso-refused-provider = The sign-in service cannot be reached. Please try again later.
sso-refused-flow = The sign-in has expired or was started in another window. Please try again from the sign-in page.
sso-refused-denied = The sign-in service cancelled or did not allow the sign-in.
sso-refused-token = The sign-in service did not return a valid sign-in. Please try again.
sso-refused-no-email = The sign-in service did not pass on an email address (claim { $claim }).

## Absence: why not

absence-refused-no-person = Choose whom the absence is for.
absence-refused-not-your-team = You cannot record an absence for { $name }: only for yourself or your own team.
absence-refused-missing-start = The start date is missing.
absence-refused-missing-end = The end date is missing.
absence-refused-not-a-date-start = The start date '{ $typed }' is not a date: use, for example, 07-12-2026.
absence-refused-not-a-date-end = The end date '{ $typed }' is not a date: use, for example, 07-12-2026.
absence-refused-end-before-start = The end date is before the start date: choose an end date on or after the start date.
absence-refused-too-long = An absence lasts at most two years. Is someone leaving? Then ask the administrator to deactivate the account.
absence-refused-in-the-past = The absence lies entirely in the past; record only current or planned absences.
absence-refused-note-too-long = The note may have at most { $max } characters.
absence-refused-already-over = The absence of { $name } is already over.
