# The frame of every staff page: menu, settings.

nav-menu = Menu
nav-more = Help and settings
nav-regulation = Procedure
nav-procedure = How does it work?
nav-agenda = Calendar
nav-absence = Absence
nav-settings = Settings
nav-sign-out = Sign out
nav-main = Main menu
nav-queue = Waiting for me
nav-my-complaints = My complaints
nav-new = New report
nav-overview = Overview
nav-dashboard = Dashboard
nav-dossier = Records
nav-improvement = Improvement
nav-improvement-actions = Improvement actions
nav-outbox = Messages
nav-admin = Administration

## Settings

settings-title = Settings
settings-language = Language
settings-language-label = Language of your pages and email
settings-language-browser = As my browser
settings-language-save = Save language
settings-language-saved = Your language has been saved.
settings-language-unknown = klacht does not know this language.
settings-password = Change password
settings-password-current = Current password
settings-password-new = New password (at least 10 characters)
settings-password-repeat = New password again
settings-password-submit = Change
settings-password-changed = Your password has been changed. Other sessions have been signed out.
