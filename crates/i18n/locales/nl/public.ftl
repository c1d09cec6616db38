# De publieke site: het klachtformulier, de bevestiging, de status, de
# tevredenheid en het reglement.

public-title-default = Klachten
skip-to-content = Naar de inhoud
public-nav-label = Klachten
public-nav-submit = Klacht indienen
public-nav-status = Status volgen
public-nav-regulation = Klachtenreglement
public-language-switch = Taal
public-footer-html = { $organisation } behandelt uw klacht volgens het <a href="/reglement">klachtenreglement</a>. Medewerker? <a href="/inloggen">Inloggen</a>.
public-error-prefix = Fout:

## Het klachtformulier

form-title = Klacht indienen
form-not-sent = Uw klacht is nog niet verstuurd
form-kept = Wat u invulde, is bewaard.
form-choose-files-again = Kies uw bijlagen opnieuw: die bewaren wij pas als de klacht verstuurd is.
form-intro-html = Bent u niet tevreden over onze dienstverlening of over een van onze medewerkers? Vertel het ons. Wij nemen binnen 2 werkdagen contact met u op en doen u binnen 2 weken een voorstel. Zo staat het in ons <a href="/reglement">klachtenreglement</a>.
form-code-html = Na het versturen krijgt u een <strong>volgcode</strong>. Daarmee volgt u uw klacht op de <a href="/status">statuspagina</a>.
form-required-html = Velden met <span aria-hidden="true">*</span><span class="visually-hidden">een sterretje</span> zijn verplicht.
form-you = Uw gegevens
form-name = Uw naam *
form-email = E-mailadres
form-email-hint = Hierheen sturen wij de bevestiging met uw volgcode. Geen e-mail? Vul dan uw telefoonnummer in.
form-phone = Telefoonnummer
form-phone-hint = Wij bellen u om uw klacht te bespreken.
form-address = Adres (niet verplicht)
form-on-behalf = Namens wie dient u de klacht in? (niet verplicht)
form-on-behalf-hint = Alleen invullen als u de klacht voor iemand anders indient, bijvoorbeeld een familielid.
form-complaint = Uw klacht
form-service = Over welke dienst of afdeling gaat uw klacht?
form-service-hint = Weet u het niet? Dan zoeken wij uit wie uw klacht behandelt.
form-service-unknown = Weet ik niet / anders
form-description = Wat is er gebeurd? *
form-description-hint = Wat ging er mis, wanneer, en wie was erbij? En wat zou u graag zien?
form-honeypot = Laat dit veld leeg
form-files = Bijlagen (niet verplicht)
form-files-hint = Bijvoorbeeld een foto of een brief: hoogstens { $files } bestanden, elk hoogstens { $mb } MB, als PDF, JPEG, PNG of Word (.docx).
form-privacy = Wij gebruiken uw gegevens alleen om uw klacht te behandelen en om van klachten te leren.
form-submit = Klacht versturen

## Meldingen bij het formulier

form-error-name-missing = Vul uw naam in.
form-error-name = Controleer uw naam: die is te lang of bevat tekens die wij niet kunnen bewaren.
form-error-email = Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.
form-error-phone = Vul een geldig telefoonnummer in, zoals 020 123 4567.
form-error-address = Controleer uw adres: het is te lang of bevat tekens die wij niet kunnen bewaren.
form-error-contact = Vul een e-mailadres of een telefoonnummer in, zodat wij contact met u kunnen opnemen.
form-error-on-behalf = Controleer de naam van degene namens wie u de klacht indient.
form-error-description-missing = Beschrijf uw klacht.
form-error-description-long = De omschrijving is te lang (maximaal { $max } tekens).
form-error-service = Deze dienst staat niet (meer) in de lijst. Kies een dienst, of 'Weet ik niet / anders'.
form-error-honeypot = Dit veld moet leeg blijven.
form-error-spam = Uw klacht is niet verstuurd. Het veld 'Laat dit veld leeg' moet leeg blijven.
form-error-rate = U heeft in korte tijd al { $count } klachten ingediend vanaf dit adres. Probeer het na { $until } opnieuw, of bel ons.
form-error-expired = Uw klacht is nog niet verstuurd: het formulier was verlopen. Controleer uw gegevens en verstuur het opnieuw.
form-error-files-too-large = Uw bestanden zijn samen te groot om te versturen. Kies hoogstens { $files } bestanden van elk hoogstens { $mb } MB.
form-error-unreadable = Het formulier kwam niet goed aan. Controleer uw gegevens, kies uw bestanden opnieuw en verstuur het nog eens.
form-error-file = Een van uw bestanden kunnen wij niet aannemen. Kies hoogstens { $files } bestanden van elk hoogstens { $mb } MB, als PDF, JPEG, PNG of Word (.docx).
form-error-failed = Uw klacht kon nu niet worden verstuurd. Probeer het later opnieuw of neem contact met ons op.

## De bevestiging

confirm-title = Klacht ontvangen
confirm-heading = Wij hebben uw klacht ontvangen
confirm-thanks-html = Dank u wel. Uw klacht is geregistreerd onder nummer <strong id="reference" class="ref">{ $reference }</strong> (ontvangen op { $received }).
confirm-code = Uw volgcode
confirm-code-use-html = Met deze code volgt u uw klacht op de <a href="/status/{ $code }">statuspagina</a>. Bewaar de code goed en deel hem niet: wie hem heeft, kan zien hoe het met uw klacht staat.
confirm-code-mailed = U krijgt de code ook in de bevestiging per e-mail.
confirm-code-write-down = Schrijf de code op of maak een schermafbeelding: deze pagina ziet u maar één keer.
confirm-to-status = Naar de statuspagina
confirm-next = Wat gebeurt er nu?
confirm-step = Stap
confirm-by = Uiterlijk
confirm-working-days = Termijnen tellen in werkdagen (maandag tot en met vrijdag, zonder feestdagen).
confirm-term-contact = Wij nemen contact met u op
confirm-term-offer = U hoort ons besluit en ons aanbod
confirm-term-record = De afhandeling is vastgelegd
confirm-none-title = Geen bevestiging
confirm-none-heading = Geen bevestiging om te tonen
confirm-none-text = De bevestiging van een klacht ziet u één keer, direct na het versturen. Heeft u uw klacht verstuurd, dan vindt u uw volgcode ook in de bevestiging per e-mail.
confirm-none-status = Status van uw klacht bekijken
confirm-none-submit = Een klacht indienen

## Status

lookup-title = Status van uw klacht
lookup-not-found = Geen klacht gevonden
lookup-not-found-text = Wij vinden geen klacht met deze volgcode. Controleer de code in uw bevestiging en probeer het opnieuw. Lukt het niet? Neem dan contact met ons op.
lookup-code = Uw volgcode
lookup-code-hint = De code uit uw bevestiging, bijvoorbeeld ABCD-EFGH-JKMN. Hoofd- of kleine letters maakt niet uit.
lookup-code-error = Controleer de volgcode: die heeft 12 letters en cijfers, zoals ABCD-EFGH-JKMN.
lookup-submit = Status bekijken
status-title = Status van klacht { $reference }
status-heading = Status van uw klacht
status-reference = Klachtnummer
status-received = Ontvangen op
status-state = Stand van zaken
status-reopened = Heropend
status-reopened-on = op { $date }; de termijnen hieronder gelden voor de nieuwe behandeling
status-progress = Voortgang
status-terms = Termijnen
status-step = Stap
status-by = Uiterlijk
status-outcome = Stand
status-satisfaction = Hoe tevreden bent u?
status-satisfaction-text = Wij horen graag hoe u de afhandeling van uw klacht heeft ervaren.
status-satisfaction-give = Geef uw oordeel
status-satisfaction-given = U gaf uw tevredenheid door op { $date }. Dank u wel.
status-privacy = Deze pagina toont geen persoonlijke gegevens. Vragen over uw klacht? Neem contact met ons op en noem uw klachtnummer.
status-now-signal = direct opgelost
status-now-awaiting-handler = ontvangen, wordt ingepland
status-now-in-progress = in behandeling
status-now-recorded = afgehandeld, wordt afgerond
status-now-escalated = voorgelegd aan een onafhankelijke partij
status-now-closed = afgerond
status-now-reopened = heropend, wordt opnieuw behandeld
status-phase-received = Ontvangen
status-phase-in-progress = In behandeling
status-phase-contact = Contact met u opgenomen
status-phase-offer = Besluit en aanbod gedaan
status-phase-done = Afgerond
status-phase-state-done = gedaan
status-phase-state-current = nu aan de beurt
status-phase-state-waiting = nog niet
status-phase-state-skipped = niet van toepassing
status-step-report = Doorgegeven aan de verantwoordelijke
status-step-report-rule = dezelfde dag
status-step-contact = Contact met u
status-step-contact-rule = binnen 2 werkdagen
status-step-offer = Besluit en aanbod
status-step-offer-rule = binnen 2 weken
status-step-record = Afhandeling vastgelegd
status-step-record-rule = binnen 3 weken
status-term-waived = niet van toepassing
status-term-done = gedaan op { $date }
status-term-done-late = gedaan op { $date } (later dan gepland)
status-term-overdue = termijn verstreken
status-term-today = vandaag
status-term-not-yet = nog niet

## Tevredenheid

satisfaction-title = Tevredenheid over klacht { $reference }
satisfaction-heading = Hoe tevreden bent u?
satisfaction-about-html = Over de afhandeling van klacht <strong class="ref">{ $reference }</strong>.
satisfaction-back = Terug naar de status van uw klacht
satisfaction-not-sent = Uw antwoord is nog niet verstuurd
satisfaction-question = Hoe tevreden bent u over de afhandeling van uw klacht?
satisfaction-score-1 = zeer ontevreden
satisfaction-score-2 = ontevreden
satisfaction-score-3 = neutraal
satisfaction-score-4 = tevreden
satisfaction-score-5 = zeer tevreden
satisfaction-comment = Toelichting (niet verplicht)
satisfaction-comment-hint = Wat ging goed, wat kan beter?
satisfaction-submit = Versturen
satisfaction-error-expired = Het formulier was verlopen. Kies uw antwoord en verstuur het opnieuw.
satisfaction-error-score = Kies een cijfer van 1 tot 5.
satisfaction-error-comment = De toelichting is te lang (maximaal { $max } tekens).
satisfaction-closed-signal = Voor deze melding is geen tevredenheidsvraag.
satisfaction-closed-given = U heeft uw tevredenheid al doorgegeven op { $date }. Dank u wel.
satisfaction-closed-not-yet = U kunt uw tevredenheid doorgeven zodra wij u ons besluit over de klacht hebben laten weten.

## Het reglement

regulation-title = Klachtenreglement
regulation-submit = Een klacht indienen
regulation-fallback = Het klachtenreglement is alleen in het Nederlands beschikbaar.
