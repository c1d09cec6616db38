# Woorden die overal terugkomen. Nederlands is de referentie: elke sleutel
# hier staat ook in elke andere taal, met dezelfde { $plaatshouders }.

# De taal in haar eigen woorden (de taalkeuze toont de andere taal zo).
language-self = Nederlands
# Voor de test van html1: een tekst met opmaak en een ontsnapte waarde.
test-link-html = <a href="/">{ $name }</a>

## Inloggen (de pagina die ook wie nog niet inlogde in zijn taal ziet)

signin-title = Inloggen — { $organisation }
signin-heading = Inloggen
signin-register = klachtenregistratie
signin-required = verplicht
signin-signed-out = U bent uitgelogd bij klacht. Op een gedeelde computer logt u ook uit bij de inlogdienst:
signin-sso-sign-out = Ook uitloggen bij de inlogdienst
signin-password-admin-only = Inloggen met een wachtwoord kan alleen nog voor de beheerder.
signin-email = E-mailadres
signin-password = Wachtwoord
signin-submit = Inloggen
signin-error-credentials = E-mailadres of wachtwoord onjuist.
signin-error-locked = Te veel mislukte pogingen. Probeer het na { $until } opnieuw.
signin-error-password-off = Inloggen met een wachtwoord is uitgeschakeld; alleen de beheerder kan dat nog. Gebruik de knop voor single sign-on.

## De termijnen van het reglement, zoals de toelichting per stap ze invult

term-report = dezelfde dag
term-contact = 2 werkdagen
term-offer = 2 weken
term-record = 3 weken
