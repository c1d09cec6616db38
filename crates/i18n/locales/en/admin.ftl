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
admin-services-intro-html = On the public complaint form (<a href="/klacht">/klacht</a>) the complainant chooses which service or department the complaint is about. A complaint about a service goes straight to that service's manager. Without a manager, or when the complainant chooses "don't know", the quality manager assigns the complaint (Overview, status "awaiting a handler").
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
