# Het kader van elke medewerkerspagina: menu, instellingen.

nav-menu = Menu
nav-more = Uitleg en instellingen
nav-regulation = Reglement
nav-procedure = Hoe werkt het?
nav-agenda = Agenda
nav-absence = Afwezigheid
nav-settings = Instellingen
nav-sign-out = Uitloggen
nav-main = Hoofdmenu
nav-queue = Wacht op mij
nav-my-complaints = Mijn klachten
nav-new = Nieuwe melding
nav-overview = Overzicht
nav-dashboard = Dashboard
nav-dossier = Dossier
nav-improvement = Verbetering
nav-improvement-actions = Verbeteracties
nav-outbox = Berichten
nav-admin = Beheer

## Instellingen

settings-title = Instellingen
settings-language = Taal
settings-language-label = Taal van uw pagina's en e-mail
settings-language-browser = Zoals mijn browser
settings-language-save = Taal bewaren
settings-language-saved = Uw taal is bewaard.
settings-language-unknown = Deze taal kent klacht niet.
settings-password = Wachtwoord wijzigen
settings-password-current = Huidig wachtwoord
settings-password-new = Nieuw wachtwoord (minstens 10 tekens)
settings-password-repeat = Nieuw wachtwoord nogmaals
settings-password-submit = Wijzigen
settings-password-changed = Uw wachtwoord is gewijzigd. Andere sessies zijn uitgelogd.
