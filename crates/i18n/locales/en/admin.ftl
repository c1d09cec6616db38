# Administration, calendar feed, absence, outbox, incoming e-mail, how the
# procedure works, the start pages and the error pages.

## Administration

admin-title = Administration
admin-title-of = Administration — { $organisation }
admin-page-title = { $page } — Administration
admin-forbidden = Administration is for the administrator only.
admin-section-users = Users and teams
admin-section-categories = Categories
admin-section-causes = Causes
admin-section-calendar = Calendar
admin-section-services = Services on the complaint form
admin-section-log = Log
admin-index-users-html = <a href="/beheer/gebruikers">Users and teams</a>: create accounts, change role and manager, deactivate.
admin-index-lists-html = <a href="/beheer/lijst/categorieen">Categories</a> and <a href="/beheer/lijst/oorzaken">causes</a>: the lists to choose from for complaints.
admin-index-calendar-html = <a href="/beheer/kalender">Calendar</a>: public holidays, options and closing days used to work out the time limits.
admin-index-services-html = <a href="/beheer/diensten">Services on the complaint form</a>: the services on the public complaint form and which manager a complaint about each goes to.
admin-index-log-html = <a href="/beheer/logboek">Log</a>: every change in administration, by whom and when.
admin-index-no-content = As administrator you cannot see what complaints contain.
admin-add = Add
admin-save = Save
admin-rename = Rename
admin-remove = Remove
admin-name = Name
admin-status = Status
admin-new-name-for = New name for { $name }
admin-none = none
admin-inactive-suffix = { $name } (inactive)
admin-name-role = { $name } ({ $role })

## Administration > Users

admin-users-title = Users
admin-users-heading = Users and teams
admin-users-new = New user
admin-users-email = Email address
admin-users-name = Name
admin-users-role = Role
admin-users-manager = Line manager
admin-users-manager-short = Manager
admin-users-password = First password (at least 10 characters)
admin-users-create = Create
admin-users-all = All users
admin-users-active = active
admin-users-inactive = inactive
admin-users-edit = edit
admin-users-teams = Teams
admin-users-teams-intro = A team is a manager together with the people they directly manage.
admin-users-no-members = No staff.
admin-users-without-manager = Staff without a manager
admin-users-created = User { $name } ({ $email }) created.
admin-users-updated = User updated.
admin-users-choose-active = Choose activate or deactivate.
admin-users-reactivated = User reactivated.
admin-users-deactivated = User deactivated; they can no longer sign in.
admin-users-unlocked = Sign-in block lifted; the user can sign in again.
admin-users-not-locked = There was no sign-in block.
admin-user-inactive = inactive: cannot sign in
admin-user-role-manager = Role and manager
admin-user-own-role = Only another administrator can change your own role.
admin-user-team = Team
admin-user-access = Access
admin-user-locked = Signing in is blocked until { $until } after too many wrong passwords.
admin-user-unlock = Lift the block
admin-user-not-self = You cannot deactivate yourself.
admin-user-deactivate-intro = A deactivated user can no longer sign in and is signed out everywhere. Their name stays on complaints.
admin-user-deactivate = Deactivate
admin-user-reactivate = Reactivate
admin-user-back = « All users

## Administration > Categories and causes

admin-list-intro = Every complaint gets a category and a cause from these lists. A withdrawn value can no longer be chosen for new complaints; existing complaints keep the name they were given, even after renaming.
admin-list-in-use = in use
admin-list-lapsed = withdrawn
admin-list-lapse = Withdraw
admin-list-use-again = Use again
admin-list-new-category = New category
admin-list-new-cause = New cause
admin-list-renamed = Name changed.
admin-list-choose-active = Choose activate or withdraw.
admin-list-activated = In use again.
admin-list-deactivated = Withdrawn: can no longer be chosen for new complaints.

## Administration > Calendar

admin-calendar-intro = Time limits count in working days: Monday to Friday, except the public holidays and closing days below (time zone { $zone }). Changes apply at once to new complaints and to every next step of open complaints.
admin-calendar-options = Options
admin-calendar-good-friday = Good Friday is a day off
admin-calendar-liberation-day = Liberation Day (5 May) off every year, not only every fifth year
admin-calendar-save-options = Save options
admin-calendar-closing-days = Closing days
admin-calendar-no-closing-days = No closing days of your own.
admin-calendar-from-config = (from the configuration; change it there)
admin-calendar-add-closing-day = Add a closing day
admin-calendar-days-off = Days off { $year }
admin-calendar-date = Date
admin-calendar-weekend = (falls at the weekend)
admin-calendar-saved = Calendar options saved. New time limits follow the calendar at once.

## Administration > Services

admin-services-title = Services on the complaint form
admin-services-intro-html = On the <a href="/klacht">public complaint form</a> the complainant chooses which service or department the complaint is about. A complaint about a service goes straight to that service's manager. Without a manager, or when the complainant chooses "don't know", the quality manager assigns the complaint (Overview, status "awaiting a handler").
admin-services-service = Service
admin-services-goes-to = Complaints go to
admin-services-manager-for = Manager for { $name }
admin-services-on-form = on the form
admin-services-off-form = taken off the form
admin-services-take-off = Take off the form
admin-services-offer-again = Offer again
admin-services-none = There are no services on the form yet: every complaint made on the website then goes to the quality manager.
admin-services-add = Add a service
admin-services-name = Name of the service or department
admin-services-added = Service '{ $name }' added.
admin-services-manager-changed = Manager changed. New complaints about this service go to them.
admin-services-choose-active = Choose offer again or take off the form.
admin-services-offered = The service is on the complaint form again.
admin-services-withdrawn = The service is no longer on the complaint form.
admin-services-choose-manager = Choose a manager from the list.

## Administration > Log

admin-log-intro = Every change in administration: who, when and what. The log cannot be altered.
admin-log-newest = « Newest
admin-log-empty = No changes yet.
admin-log-at = Time
admin-log-by = By
admin-log-change = Change
admin-log-subject = Subject
admin-log-details = Details
admin-log-older = Older changes »
admin-log-kind-user-created = user created
admin-log-kind-user-updated = user changed
admin-log-kind-user-deactivated = user deactivated
admin-log-kind-user-reactivated = user reactivated
admin-log-kind-category-added = category added
admin-log-kind-category-renamed = category renamed
admin-log-kind-category-deactivated = category withdrawn
admin-log-kind-category-activated = category in use
admin-log-kind-cause-added = cause added
admin-log-kind-cause-renamed = cause renamed
admin-log-kind-cause-deactivated = cause withdrawn
admin-log-kind-cause-activated = cause in use
admin-log-kind-calendar-options = calendar options
admin-log-kind-calendar-closing-day-added = closing day added
admin-log-kind-calendar-closing-day-removed = closing day removed
admin-log-kind-calendar-feed-created = calendar subscription created
admin-log-kind-calendar-feed-reset = calendar address renewed
admin-log-kind-calendar-feed-removed = calendar subscription cancelled
admin-log-kind-outbox-requeued = message offered again
admin-log-kind-outbox-requeued-all = all failed messages offered again
admin-log-kind-view-saved = view saved
admin-log-kind-view-deleted = view deleted

## Administration: messages and names

admin-services-nobody = nobody: the quality manager assigns
admin-list-added = '{ $name }' added.
admin-calendar-day-added = Closing day { $date } added.
admin-calendar-day-removed = Closing day { $date } removed.
# The public holidays; the key is the Dutch name.
admin-holiday-nieuwjaarsdag = New Year's Day
admin-holiday-goede-vrijdag = Good Friday
admin-holiday-tweede-paasdag = Easter Monday
admin-holiday-koningsdag = King's Day
admin-holiday-bevrijdingsdag = Liberation Day
admin-holiday-hemelvaartsdag = Ascension Day
admin-holiday-tweede-pinksterdag = Whit Monday
admin-holiday-eerste-kerstdag = Christmas Day
admin-holiday-tweede-kerstdag = Boxing Day
admin-holiday-sluitingsdag = Closing day

## The start pages

start-title = Complaints register { $organisation }
start-intro = Any expression of dissatisfaction that is not resolved with a simple explanation or an immediate correction is a complaint. Any member of staff can take and record a complaint; the manager sees that it is dealt with within the time limits of the complaints procedure.
start-staff-sign-in-html = Staff: <a href="/inloggen">sign in</a> for what is waiting for you.
start-for-complainants = For complainants
start-complainant-links-html = <a href="/klacht">Make a complaint</a> · <a href="/status">Follow the status of a complaint</a> · <a href="/reglement">The complaints procedure</a>
start-terms-today = Time limits for a complaint received today ({ $today })
start-step = Step
start-term = Time limit
start-due = Due by
start-terms-note = Working days are Monday to Friday, except public holidays and closing days. A time limit in weeks that ends on a day off moves to the next working day.
start-queue-page-title = Waiting for me — { $organisation }
start-admin-html = You administer the system and do not handle complaints; nothing is waiting for you here. Users, teams, lists and the calendar are under <a href="/beheer">Administration</a>.
start-queue-empty = Nothing is waiting for you.
start-queue-empty-mine-html = <a href="/klachten">My complaints</a> shows all the complaints you are involved in.
start-queue-count = { $total ->
    [one] 1 item
   *[other] { $total } items
}
start-queue-count-overdue = { $total ->
    [one] 1 item
   *[other] { $total } items
}, { $overdue } of them overdue
start-what = What
start-complaint = Complaint
start-queue-more = These are the { $shown } most urgent of { $total } items.
start-queue-show-all = Show all { $total } items

## What is waiting: the lines of the work queue

start-reason-next-term = Next step: { $step }
start-reason-awaiting-handler = Assign a handler
start-reason-team-overdue = Time limit passed in your team: { $step }
start-reason-action = Action { $number }: { $description }
start-reason-registered = Recorded by you, not yet closed
start-reason-form-to-close = Complaint form received: close
start-reason-failed-message = Message not sent: { $subject }
start-reason-failed-message-to = Message not sent: { $subject } (to { $to })
start-reason-pattern = Recurring pattern: { $label } ({ $complaints ->
    [one] 1 complaint
   *[other] { $complaints } complaints
})
start-reason-escalation = External escalation in progress
start-reason-complainant-mail = Email from the complainant: { $subject }
start-reason-incoming-mail = Incoming email: { $subject }
start-reason-incoming-mail-from = Incoming email from { $from }: { $subject }
start-reason-consultation = Your advice requested (question { $number }): { $question }
start-reason-consultation-by = Your advice requested by { $by } (question { $number }): { $question }
start-mailbox-line = Incoming email: { $count ->
    [one] 1 message
   *[other] { $count } messages
} to process

## Incoming email

mailbox-title = Incoming email
mailbox-empty = No email is waiting to be processed.
mailbox-attachments = { $count ->
    [one] 1 attachment
   *[other] { $count } attachments
}
mailbox-note = Please note:

## Error pages

error-title-forbidden = No access
error-title-not-found = Not found
error-title-not-possible = Not possible
error-title-timeout = That took too long
error-title-too-large = Too large
error-title-invalid = Check what you entered
error-title-failed = Something went wrong
error-not-found = This page does not exist (any more). Check the address.
error-not-found-short = Not found.
error-method = This page cannot be opened like this. Use the buttons and links on the pages instead of typing an address or sending a form again.
error-timeout = The request took too long. Please try again.
error-too-large = What you sent is too large. Make attachments smaller or send fewer at a time.
error-form-malformed = The form was not filled in correctly: { $detail }
error-server = Something went wrong on our side. Please try again later; if it keeps going wrong, contact the administrator.
error-other = This request cannot be processed. Go back and try again.
error-back-start = Back to your start page
error-links-html = <a href="/">To the start page</a> · <a href="/klacht">Make a complaint</a> · <a href="/status">Follow the status of your complaint</a>
