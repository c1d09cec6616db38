# Why something was refused: the codes of klacht_domain::refusal::Code,
# one key refusal-{id} per code.

refusal-verbatim = { $message }
refusal-role-cannot-register = Users with the role { $role } cannot register complaints.
refusal-web-is-complaint = A submission through the website is always a complaint.
refusal-complainant-name-missing = Enter the complainant's name.
refusal-representative-name-missing = Enter the representative's name.
refusal-received-in-future = The time of receipt lies in the future.
refusal-received-too-early = The time of receipt ({ $date }) lies before { $year }; check the year.
refusal-description-required = The description of the complaint is required.
refusal-description-too-long = The description is too long (at most { $max } characters).
refusal-reference-year = Complaint number { $reference } does not belong to the year of receipt ({ $year }).
refusal-required = { $what } is required.
refusal-too-long = { $what } is too long (at most { $max } characters).
refusal-before-receipt = { $what } ({ $date }) lies before the complaint was received ({ $received }).
refusal-in-future = { $what } ({ $date }) lies in the future.
refusal-subject-service = The service
refusal-subject-category = The category
refusal-subject-cause = The cause
refusal-subject-contact-date = The date of contact
refusal-subject-contact-summary = The summary of the conversation
refusal-subject-merit-reasoning = The reasoning for the judgement
refusal-subject-offer-description = The description of the offer
refusal-subject-offer-date = The date of the offer
refusal-subject-letter-text = The text for the complainant
refusal-subject-response-comment = The complainant's comment
refusal-subject-action-description = The description of the action
refusal-subject-note = The note
refusal-subject-external-party = The name of the external party
refusal-subject-escalation-date = The escalation date
refusal-subject-outcome-date = The date of the outcome
refusal-subject-outcome = The outcome
refusal-subject-exact-id = The registration number in Exact
refusal-subject-waiver-reason = The reason for skipping the step
refusal-subject-conversion-reason = The reason for the conversion
refusal-subject-director-question = The question to the director
refusal-subject-advice = The advice
refusal-subject-reopening-reason = The reason for reopening
refusal-subject-correction-reason = The reason for the correction
refusal-intake-fixed = Complaint number, type, recipient and responsible manager cannot be corrected.
refusal-reclassified = Category and cause have been reclassified since registration; change them with a new classification.
refusal-handler-not-involved = The handler cannot be named as an employee involved; assign another handler first.
refusal-assistant-not-involved = Someone providing assistance cannot be named as an employee involved.
refusal-receipt-after-step = The receipt ({ $received }) cannot lie after a recorded step ({ $step }).
refusal-no-value-without-offer = 'No offer' has no value.
refusal-zero-value = A value of €0.00 says nothing; leave the value empty.
refusal-offer-too-high = An offer of more than { $max } is not possible; check the value.
refusal-response-empty = Record whether the offer was accepted, the satisfaction or a comment.
refusal-due-before-receipt = The target date ({ $due }) lies before the complaint was received ({ $received }).
refusal-due-too-far = The target date ({ $due }) lies too far in the future.
refusal-escalation-after-outcome = The escalation date ({ $on }) lies after the outcome ({ $outcome }).
refusal-outcome-before-escalation = The outcome ({ $on }) cannot lie before the escalation ({ $escalated }).
refusal-no-permission = No permission to '{ $action }' for complaint { $reference }.
refusal-question-other-director = Question { $number } was put to another director.
refusal-system-only-exact = The system may not '{ $action }'; only the registration in Exact is up to it.
refusal-manager-own-team = A manager can only assign themselves or an employee from their own team as handler.
refusal-correct-own-only = Only someone who may record event { $number }, or the quality manager, may correct it.
refusal-no-files-allowed = You may not add attachments to this complaint.
refusal-no-link-permission = You may not link complaint { $reference }.
refusal-no-unlink-permission = You may not change the links of complaint { $reference }.
refusal-not-a-manager = { $name } is not a manager.
refusal-not-a-director = { $name } is not a director.
refusal-already-responsible = { $name } is already responsible for this complaint.
refusal-assist-only-quality-or-director = Only the quality manager or the director can provide assistance.
refusal-assistant-involved = Someone providing assistance may not be involved in the service complained about.
refusal-assistant-is-handler = { $name } is the handler.
refusal-already-assisting = { $name } is already providing assistance.
refusal-admin-cannot-handle = An administrator cannot handle complaints.
refusal-admin-sees-no-complaints = An administrator sees no complaints and does not handle them.
refusal-handler-involved = The handler may not be involved in the service complained about.
refusal-already-handler = { $name } is already the handler.
refusal-no-advice-from-self = You cannot ask yourself for advice.
refusal-advisor-involved = Someone involved in the service complained about does not give advice on the complaint.
refusal-no-more-questions = No more questions can be asked.
refusal-involved-cannot-handle = Someone involved in the service does not handle the complaint.
refusal-no-such-question = Question { $number } to the director does not exist.
refusal-question-answered = Question { $number } has already been answered; ask a new question if needed.
refusal-no-more-actions = No more actions can be added.
refusal-no-such-action = Action { $number } does not exist.
refusal-action-done = Action { $number } has already been completed.
refusal-admin-no-actions = An administrator does not carry out actions.
refusal-already-owns-action = { $name } is already carrying out action { $number }.
refusal-step-recorded-cannot-waive = The step '{ $step }' has already been recorded and can no longer be skipped.
refusal-step-already-waived = The step '{ $step }' has already been skipped.
refusal-step-recorded = The step '{ $step }' has already been recorded; correct it if it is wrong.
refusal-step-waived = The step '{ $step }' was skipped and can no longer be recorded.
refusal-no-escalation = There is no external escalation under way.
refusal-escalation-running = An external escalation is already under way; record its outcome first.
refusal-classification-unchanged = The classification changes nothing.
refusal-no-such-round = There is no handling round { $number }.
refusal-round-in-exact = Handling round { $number } has already been registered in Exact ({ $exact_id }).
refusal-signal-no-workflow = { $reference } is a signal (resolved on the spot) without a workflow; convert it to a complaint first.
refusal-already-in-exact = Complaint { $reference } has already been registered in Exact; correct the registration if it is wrong.
refusal-closed-only-exact = Complaint { $reference } is closed; only the registration in Exact and corrections by the quality manager are still possible.
refusal-assign-handler-first = Assign a handler first.
refusal-already-complaint = { $reference } is already a complaint.
refusal-not-closed-reopen = Complaint { $reference } is not closed; only a closed complaint can be reopened.
refusal-handed-in = Complaint { $reference } has been recorded and sent to the quality manager; nothing is left for a handler to do.
refusal-merit-decided = The merits have already been decided; correct the judgement if it is wrong.
refusal-offer-waived-no-merit = The step 'offer' was skipped; no judgement is recorded any more.
refusal-no-open-question = There is no open question to the director.
refusal-decide-merit-first = First decide whether the complaint is founded.
refusal-no-offer-yet = No offer has been made yet.
refusal-response-recorded = The complainant's response has already been recorded; correct it if it is wrong.
refusal-form-needs-step = The complaint form can only be sent once '{ $step }' has been recorded or skipped.
refusal-all-steps-settled = All steps have already been recorded or skipped.
refusal-cannot-close-yet = Complaint { $reference } cannot be closed yet. Still needed: { $missing }.
refusal-exact-after-closing = The registration in Exact follows the closing of the complaint.
refusal-not-closed-exact = Complaint { $reference } has not been closed yet; the registration in Exact follows only then.
refusal-blocker-offer-no-merit = { $step } (not yet decided whether it is justified)
refusal-blocker-escalation = outcome of the external escalation
refusal-blocker-action = completion of action { $number }
refusal-no-such-event = Event { $number } does not exist.
refusal-event-sealed = Event { $number } belongs to an earlier handling round; that round has been filed and sealed and is no longer corrected. Record what applies now in the current round.
refusal-no-correct-report = A report is not corrected; forward the complaint to the right manager.
refusal-no-correct-assignment = An assignment is not corrected; assign another handler.
refusal-no-correct-assistant = Added assistance cannot be corrected.
refusal-no-correct-classification = A classification is not corrected; record a new classification.
refusal-no-correct-form-sent = Sending the form cannot be corrected.
refusal-no-correct-satisfaction = What the complainant reported about their satisfaction is not corrected.
refusal-no-correct-mail = An email from the complainant is not corrected; it stays in the history as it came in.
refusal-no-correct-files = An added attachment is not corrected; add the right file if needed.
refusal-no-correct-link = A link is not corrected; remove it or record a new one.
refusal-no-correct-transfer = A transfer is not corrected; transfer the action again.
refusal-no-correct-consultation = A question to the director or their advice is not corrected; ask a new question if needed.
refusal-no-correct-reopening = A reopening is not corrected; it starts a new handling round.
refusal-no-correct-correction = A correction is not itself corrected; correct the original event again.
refusal-correction-same-kind = A correction of event { $number } is of the same kind and keeps the same action number or step.
refusal-not-correctable = Event { $number } cannot be corrected.
refusal-correction-unchanged = The correction changes nothing.
refusal-signal-no-handling = A signal has no handling under way.
refusal-complaint-closed = The complaint is closed.
refusal-closed-no-files = The complaint has been closed and filed; no more attachments can be added.
refusal-choose-file = Choose a file to add.
refusal-too-many-files = You can add at most { $max } files at a time.
refusal-link-not-found = No complaint { $reference } was found that you can view.
refusal-link-self = A complaint cannot be linked to itself.
refusal-already-linked = Complaint { $other } is already linked to { $reference }.
refusal-not-linked = Complaint { $other } is not linked to { $reference }.
refusal-no-link-with = Complaint { $reference } has no link with that complaint.
refusal-route-only-web = Only a complaint submitted through the website is forwarded automatically.
refusal-already-reported = The complaint has already been reported to a manager.
refusal-no-satisfaction-question = There is no satisfaction question for this report.
refusal-satisfaction-given = You already told us how satisfied you are on { $date }. Thank you.
refusal-satisfaction-not-yet = You can tell us how satisfied you are once we have let you know our decision on the complaint.
refusal-satisfaction-comment-too-long = Your comment is too long (at most { $max } characters).
refusal-satisfaction-comment-characters = Your comment contains characters we cannot store.

# The web layer's own errors (WebError), and what the application refuses.

error-sign-in = Please sign in first.
error-csrf = The form has expired or is invalid. Reload the page and try again.
error-edit-conflict = Someone else has changed this complaint in the meantime. Reload the page and try again.
error-duplicate-email = A user with this email address already exists.
error-duplicate-view = You already have a view with this name. Choose another name.
error-duplicate = This already exists ({ $what }).
error-complaint-not-found = complaint not found
error-no-offer-letter = No offer has been made yet, so there is no confirmation letter yet.
error-dossier-not-closed = complaint { $reference } is not closed and so is not filed yet
error-wrong-current-password = The current password is incorrect.
error-password-mismatch = The new passwords do not match.
error-unknown-account = There is no account for { $email }.
error-deactivated = The account { $email } has been deactivated.
error-sso-provider = The sign-in service cannot be reached. Please try again later.
error-sso-flow = The sign-in has expired or was started in another window. Please start again from the sign-in page.
error-sso-denied = The sign-in service cancelled or refused the sign-in.
error-sso-token = The sign-in service did not return a valid sign-in. Please try again.
error-sso-no-email = The sign-in service did not pass on an email address (claim { $claim }).
error-password-too-short = the password must be at least { $min } characters long

# Hand-overs, bulk work, administration, files, sign-in.
refusal-handover-only-managers = Handing over work is for managers, the quality manager and the director.
refusal-handover-not-your-team = You cannot hand over the work of { $name }: only that of your own team.
refusal-handover-choose-taker = Choose who takes this over (yourself or someone from your team).
refusal-reassign-only-managers = Assigning handlers is for managers, the quality manager and the director.
refusal-reassign-choose-handler = Choose a handler from the list (yourself or someone from your team).
refusal-reassign-not-your-team = You cannot assign a handler to complaint { $reference }: it does not belong to your team.
refusal-reassign-not-all = You cannot assign a handler to every complaint you chose.
refusal-bulk-choose-complaints = First choose one or more complaints.
refusal-bulk-choose-classification = Choose a category, a cause or both.
refusal-bulk-classify-not-all = You cannot classify every complaint you chose.
refusal-classification-not-on-list = '{ $value }' is not in the list of { $kind ->
        [category] categories
       *[cause] causes
    }; choose from: { $names }.
refusal-classification-none-active = There are no active { $kind ->
        [category] categories
       *[cause] causes
    }; leave the { $kind ->
        [category] category
       *[cause] cause
    } empty.
refusal-admin-only = Administration is for the administrator only.
refusal-admin-name-missing = { $what } is missing.
refusal-admin-name-too-long = { $what } can have at most { $max } ordinary characters.
refusal-admin-subject-user-name = The name
refusal-admin-subject-list-value-name = The name of the { $kind ->
        [category] category
       *[cause] cause
    }
refusal-admin-subject-service-name = The name of the service
refusal-admin-list-value-exists = The { $kind ->
        [category] category
       *[cause] cause
    } '{ $name }' already exists.
refusal-admin-service-exists = The service '{ $name }' already exists.
refusal-admin-service-choose-manager = Choose an active manager.
refusal-admin-calendar-busy = Someone else changed the calendar at the same time. Please try again.
refusal-admin-not-a-day = '{ $typed }' is not a date (YYYY-MM-DD).
refusal-admin-closing-day-years = Choose a date between 2000 and 2999.
refusal-admin-closing-day-exists = { $date } is already a closing day.
refusal-admin-closing-day-not-added = { $date } is not a closing day added in Administration.
refusal-admin-employee-needs-manager = An employee needs a direct manager.
refusal-admin-needs-no-manager = The administrator does not work on complaints and needs no manager.
refusal-admin-manager-unknown = The chosen manager does not exist.
refusal-admin-manager-inactive = { $name } is not active.
refusal-admin-manager-not-managing = { $name } is not a manager, quality manager or director.
refusal-admin-manager-circle = Nobody can be their own manager, directly or indirectly.
refusal-admin-password-too-short = The password must be at least { $min } characters long.
refusal-admin-email-taken = A user with the email address { $email } already exists. Choose another address or change the existing user.
refusal-admin-own-role = You cannot change your own role as administrator; ask another administrator to do that.
refusal-admin-manager-of-others = { $name } is the manager of { $count } active staff member(s). Give them another manager first.
refusal-admin-deactivate-self = You cannot deactivate yourself.
refusal-view-only-quality-director = Views are for the quality manager and the director.
refusal-view-name-missing = Give the view a name.
refusal-view-name-too-long = The name is too long (at most { $max } characters).
refusal-view-name-characters = The name cannot contain line breaks or tabs.
refusal-view-exists = You already have a view named '{ $name }'. Choose another name.
refusal-files-too-many = You can send at most { $max } files; you chose { $count }.
refusal-file-too-large = '{ $name }' is too large (at most { $mb } MB per file).
refusal-file-empty = '{ $name }' is empty.
refusal-file-not-accepted = '{ $name }' is not a PDF, JPEG, PNG or Word file (.docx).
refusal-file-name-mismatch = '{ $name }' is { $kind ->
        [pdf] a PDF file
        [jpeg] a JPEG photo
        [png] a PNG image
       *[docx] a Word file
    }, but its name does not end in .{ $extension }.
refusal-two-sentences = { $first } { $then }
refusal-sso-id-token = The sign-in from the sign-in service is not valid: { $reason }. Please try again.
refusal-sso-reason-expired = the sign-in has expired
refusal-sso-reason-audience = the sign-in is meant for another application
refusal-sso-reason-nonce = the sign-in does not belong to this attempt
refusal-sso-reason-issuer = the sign-in comes from another sign-in service
refusal-sso-reason-signature = the signature is not valid
refusal-sso-reason-other = the sign-in is not valid

# Improvement actions and patterns.
refusal-improvement-manage-only = Only the quality manager or the director opens improvement actions.
refusal-improvement-judge-only = Only the quality manager or the director assesses patterns.
refusal-improvement-admin-sees-none = An administrator does not see improvement actions.
refusal-improvement-update-only = Only the owner, the quality manager or the director changes improvement action { $number }.
refusal-improvement-done = Improvement action { $number } has been completed.
refusal-improvement-owner-admin = An administrator cannot own an improvement action.
refusal-improvement-owner-from-list = Choose an active staff member from the list as the owner.
refusal-improvement-due-past = The target date ({ $date }) is in the past.
refusal-improvement-due-far = The target date ({ $date }) is too far in the future.
refusal-improvement-no-complaints = Link at least one complaint to the improvement action.
refusal-improvement-no-pattern-complaint = Link at least one complaint of the pattern to the improvement action.
refusal-improvement-too-many-complaints = Link at most { $max } complaints to one improvement action.
refusal-improvement-close-with-evaluation = Complete the improvement action with an evaluation of its effect.
refusal-improvement-status-already = The status is already '{ $status ->
        [open] open
        [in_progress] in progress
       *[done] completed
    }'.
refusal-improvement-choose-status = Choose a status from the list.
refusal-improvement-change-does-not-fit = This change does not fit the improvement action.
refusal-improvement-pattern-not-open = This pattern is no longer open: a decision has been made about it meanwhile, or its complaints fall outside the window. Reload the page.
refusal-improvement-dismiss-reason-required = The reason for dismissing it is required.
refusal-improvement-dismiss-reason-too-long = The reason is too long (at most { $max } characters).
refusal-improvement-pattern-changed = The pattern changed since you opened the page. Look at it again below, then dismiss it.
refusal-improvement-action-pattern-changed = The pattern changed since you opened the form: complaints joined or left it. Check the number below and open the action again.
refusal-subject-improvement-title = The title
refusal-subject-improvement-description = The description of the change in working method
refusal-subject-improvement-evaluation = The evaluation of the effect

# Values that could not be read (ParseError).
refusal-sentence = { SENTENCE($phrase) }
refusal-not-an-id = '{ $input }' is not a valid id
refusal-reference-out-of-range = invalid complaint number: year { $year }, sequence number { $number }
refusal-not-a-reference = '{ $input }' is not a complaint number (expected K-YYYY-NNNN)
refusal-not-an-email = '{ $input }' is not a valid email address
refusal-not-a-tracking-code = this is not a valid tracking code (12 characters, such as ABCD-EFGH-JKMN)
refusal-time-zone-missing = Time zone missing: use an IANA name such as Europe/Amsterdam
refusal-unknown-time-zone = '{ $input }' is not a known time zone: use an IANA name such as Europe/Amsterdam
refusal-received-missing = Date of receipt missing: use YYYY-MM-DD or RFC 3339
refusal-no-such-date-in = '{ $input }' does not contain a date that exists
refusal-out-of-range = '{ $input }' is outside the supported range
refusal-no-offset = '{ $input }' lacks a time zone: add an offset, e.g. +02:00 or Z
refusal-not-a-moment = '{ $input }' is not a valid date or time: use YYYY-MM-DD or RFC 3339 (e.g. 2026-04-24T09:30:00+02:00)
refusal-not-a-reminder-kind = '{ $input }' is not a kind of reminder: use day_before and/or morning_of
refusal-unknown-role = unknown role '{ $input }': choose from employee, manager, quality-manager, director, admin
refusal-unknown-dimension = unknown dimension '{ $input }'
refusal-pattern-min-complaints = at least 2 complaints make a pattern (not { $given })
refusal-pattern-window = a window of 1 to { $max } days (not { $given })
refusal-not-a-pattern = '{ $input }' is not a pattern
refusal-unknown-status = unknown status '{ $input }'
refusal-improvement-number-out-of-range = invalid improvement action number: year { $year }, sequence number { $number }
refusal-not-an-improvement-number = '{ $input }' is not an improvement action number (V-YYYY-NNNN)
refusal-unknown-value = unknown { $what } '{ $input }': choose from { $choices }
refusal-list-kind = kind
refusal-list-channel = channel
refusal-list-status = status
refusal-list-reopening-kind = kind of reopening
refusal-list-merit = judgement
refusal-list-offer-kind = kind of offer
refusal-list-contact-mode = form of contact
refusal-list-waivable-step = step
refusal-list-link-reason = reason
refusal-report-not-waivable = reporting to the manager cannot be skipped
refusal-satisfaction-out-of-range = satisfaction must be between { $min } and { $max }, not { $score }
refusal-not-a-satisfaction-score = '{ $input }' is not a satisfaction score (1-5)
refusal-party-name-required = the complainant's name is required
refusal-not-a-name = '{ $input }' is not a valid name
refusal-not-a-phone-number = '{ $input }' is not a valid phone number
refusal-address-too-long = the address is too long (at most { $max } characters)
refusal-not-a-day = '{ $input }' is not a date (YYYY-MM-DD)
refusal-no-such-day = '{ $input }' is not a date that exists (YYYY-MM-DD)
refusal-unreadable = this value cannot be used
refusal-unknown-message-kind = unknown kind of message '{ $input }'
refusal-unknown-list = unknown list '{ $input }'
