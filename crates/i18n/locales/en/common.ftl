# Words used everywhere. Dutch is the reference: every key there is here
# too, with the same { $placeholders }.

language-self = English
test-link-html = <a href="/">{ $name }</a>

## Signing in (the page that speaks its reader's language before they sign in)

signin-title = Sign in — { $organisation }
signin-heading = Sign in
signin-register = complaints register
signin-required = required
signin-signed-out = You have signed out of klacht. On a shared computer, also sign out of the sign-in service:
signin-sso-sign-out = Also sign out of the sign-in service
signin-password-admin-only = Signing in with a password is now only possible for the administrator.
signin-email = Email address
signin-password = Password
signin-submit = Sign in
signin-error-credentials = Incorrect email address or password.
signin-error-locked = Too many failed attempts. Please try again after { $until }.
signin-error-password-off = Signing in with a password has been switched off; only the administrator can still do so. Use the single sign-on button.

## The regulation's terms, as the help per step fills them in

term-report = the same day
term-contact = 2 working days
term-offer = 2 weeks
term-record = 3 weeks
