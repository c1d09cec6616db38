# De woorden van de e-mail aan de klager (en haar vertegenwoordiger).
# De opbouw (witregels, opsommingstekens, opmaak) staat in de sjablonen van
# klacht-mail; hier staan alleen de zinnen. Vetgedrukte waarden krijgen hun
# opmaak in het HTML-sjabloon, dus geen opmaak hier.

## Wat elke e-mail deelt (layout.txt en layout.html)

mail-closing = Met vriendelijke groet,
mail-footer = Dit bericht is automatisch verstuurd door het klachtenregister van { $organisation }.

## Wat de e-mails aan de klager delen

mail-greeting = Geachte { $name },
mail-next = Wat gebeurt er nu?
mail-status-page = Op deze pagina ziet u hoe het met uw klacht staat:
mail-status-link = Bekijk de voortgang van uw klacht
mail-questions = Heeft u vragen, beantwoord dan deze e-mail en vermeld het nummer { $reference }.
mail-judgement = Ons oordeel: uw klacht is { $merit }.

## Het oordeel, de soort aanbod en de reden van heropenen, zoals de klager ze leest

mail-merit-founded = gegrond
mail-merit-partly-founded = deels gegrond
mail-merit-unfounded = ongegrond
mail-offer-kind-compensation = genoegdoening
mail-offer-kind-replacement-service = vervangende dienst
mail-offer-kind-extra-service = extra dienst
mail-offer-kind-none = geen aanbod
mail-reopening-kind-complainant-objection = bezwaar van de klager
mail-reopening-kind-external-ruling = uitspraak externe instantie
mail-reopening-kind-new-facts = nieuwe feiten

## Ontvangstbevestiging (confirmation)

mail-confirmation-title = Uw klacht is ontvangen
mail-confirmation-subject = { mail-confirmation-title } ({ $reference })
mail-confirmation-received = Wij hebben uw klacht op { $received } ontvangen en geregistreerd onder nummer { $reference }. Dank u wel dat u de moeite neemt ons dit te laten weten.
mail-confirmation-code = Uw volgcode is { $code }.
mail-confirmation-contact = Uiterlijk { $date } neemt de afhandelaar telefonisch of persoonlijk contact met u op om uw klacht te bespreken.
mail-confirmation-offer = Uiterlijk { $date } hoort u ons oordeel en, waar dat past, ons voorstel om het goed te maken.
mail-confirmation-record = Uiterlijk { $date } is de afhandeling vastgelegd.
mail-confirmation-regulation = Deze termijnen staan in ons klachtenreglement.

## Tevredenheidsmeting (satisfaction)

mail-satisfaction-title = Hoe tevreden bent u?
mail-satisfaction-subject = Hoe tevreden bent u over de afhandeling van uw klacht? ({ $reference })
mail-satisfaction-recorded = De afhandeling van uw klacht met nummer { $reference } is vastgelegd. Wij willen graag weten hoe tevreden u bent over de manier waarop wij met uw klacht zijn omgegaan.
mail-satisfaction-form-page = Het invullen kost een minuut, op deze pagina:
mail-satisfaction-form = Het invullen kost een minuut.
mail-satisfaction-form-link = Geef uw oordeel over de afhandeling
mail-satisfaction-by-reply = U kunt uw antwoord geven door deze e-mail te beantwoorden.
mail-satisfaction-thanks = Uw antwoord helpt ons onze dienstverlening te verbeteren. Dank u wel.

## Bevestiging van het aanbod (offer_confirmation)

mail-offer-title = Bevestiging van ons aanbod
mail-offer-subject = { mail-offer-title } ({ $reference })
mail-offer-intro = Zoals besproken bevestigen wij hierbij schriftelijk ons aanbod naar aanleiding van uw klacht met nummer { $reference }.
mail-offer-made = Ons aanbod, gedaan op { $date }
mail-offer-field-kind = Soort
mail-offer-field-description = Omschrijving
mail-offer-field-value = Waarde
mail-offer-respond-by = Wij horen graag uiterlijk { $date } of u het aanbod aanvaardt.
mail-offer-respond = Wij horen graag of u het aanbod aanvaardt.
mail-offer-reply = U kunt deze e-mail beantwoorden. Vermeld daarbij het nummer { $reference }.
mail-offer-reply-handler = U kunt deze e-mail beantwoorden of contact opnemen met { $handler }. Vermeld daarbij het nummer { $reference }.

## Bevestiging van het besluit zonder aanbod (decision_confirmation)

mail-decision-title = Bevestiging van ons besluit
mail-decision-subject = { mail-decision-title } ({ $reference })
mail-decision-intro = Zoals besproken bevestigen wij hierbij schriftelijk ons besluit over uw klacht met nummer { $reference }, dat wij u op { $date } hebben meegedeeld.
mail-decision-no-offer = Wij doen u geen aanbod van genoegdoening of een vervangende of extra dienst.
mail-decision-disagree = Bent u het niet eens met dit besluit, laat het ons dan weten: beantwoord deze e-mail en vermeld het nummer { $reference }. Komen wij er samen niet uit, dan kunnen wij een externe partij inschakelen, zoals een mediator of een klachtencommissie.
mail-decision-disagree-handler = Bent u het niet eens met dit besluit, laat het ons dan weten: beantwoord deze e-mail of neem contact op met { $handler } en vermeld het nummer { $reference }. Komen wij er samen niet uit, dan kunnen wij een externe partij inschakelen, zoals een mediator of een klachtencommissie.

## Heropend, aan de klager (reopened_complainant)

mail-reopened-title = Uw klacht wordt opnieuw behandeld
mail-reopened-subject = Uw klacht { $reference } wordt opnieuw behandeld
mail-reopened-intro = Wij behandelen uw klacht { $reference } opnieuw ({ $kind }). De eerdere afhandeling blijft bewaard zoals zij was; de nieuwe behandeling heeft haar eigen termijnen.
mail-reopened-status-page = Op deze pagina ziet u hoe het met uw klacht staat (volgcode { $code }):
mail-reopened-contact = Uiterlijk { $date } neemt de afhandelaar telefonisch of persoonlijk contact met u op.
mail-reopened-offer = Uiterlijk { $date } hoort u ons nieuwe oordeel en, waar dat past, ons voorstel.
mail-reopened-record = Uiterlijk { $date } is de nieuwe afhandeling vastgelegd.

## Wat de e-mails aan medewerkers delen

mail-staff-greeting = Beste { $name },
mail-staff-signature = Het klachtenregister van { $organisation }
mail-open-complaint = Open klacht { $reference }
mail-open-the-complaint = Open de klacht:
mail-field-reference = Nummer
mail-field-received = Ontvangen
mail-field-channel = Kanaal
mail-field-complainant = Klager
mail-field-service = Dienst
mail-field-due = Uiterlijk
mail-field-complaint = Klacht
mail-summary = Samenvatting
mail-complaint-summary = Samenvatting van de klacht
mail-terms = Termijnen volgens het klachtenreglement
mail-term-contact = contact met de klager: uiterlijk { $date }
mail-term-offer = oordeel en aanbod: uiterlijk { $date }
mail-term-record = vastleggen en formulier naar de kwaliteitsmanager: uiterlijk { $date }
mail-by-date = uiterlijk { $date }
mail-late = { $what } te laat
mail-and = { $first } en { $second }
mail-working-days = { $count ->
    [one] 1 werkdag
   *[other] { $count } werkdagen
}
mail-count-complaints = { $count ->
    [one] 1 klacht
   *[other] { $count } klachten
}
mail-count-agreed-actions = { $count ->
    [one] 1 afgesproken actie
   *[other] { $count } afgesproken acties
}
mail-count-actions = { $count ->
    [one] 1 actie
   *[other] { $count } acties
}
mail-count-terms = { $count ->
    [one] 1 termijn
   *[other] { $count } termijnen
}
mail-nobody-yet = nog niemand
mail-not-assigned-yet = nog niet toegewezen
mail-handler-line = Afhandelaar: { $handler }
mail-actor-line = Uitvoering: { $actor }
mail-responsible-line = Verantwoordelijk: { $name }
mail-attached-files = Meegestuurde bestanden:
mail-col-step = Stap
mail-col-action = Actie
mail-col-handler = Afhandelaar
mail-col-actor = Uitvoering
mail-col-responsible = Verantwoordelijk
mail-step-word-report = melden
mail-step-word-contact = contact
mail-step-word-offer = aanbod
mail-step-word-record = vastleggen
mail-today = vandaag
mail-tomorrow = morgen
# Wie een ander verving, zonder naam van wie er handelde.
mail-someone-manager = De leidinggevende
mail-someone-handler = De afhandelaar
mail-someone-quality-manager = De kwaliteitsmanager
mail-someone-director = De directeur
mail-someone-staff = Een medewerker

## Nieuwe klacht, aan de leidinggevende (manager_notice)

mail-manager-subject = Nieuwe klacht { $reference }: afhandelaar toewijzen
mail-manager-title = Nieuwe klacht { $reference }
mail-manager-intro-staff = { $name } heeft een klacht geregistreerd waarvoor u verantwoordelijk bent.
mail-manager-intro-public = Via het klachtenformulier op de website is een klacht binnengekomen waarvoor u verantwoordelijk bent.
mail-manager-intro-routed = { $name } heeft een klacht aan u doorgestuurd: u bent nu verantwoordelijk voor de afhandeling.
mail-manager-intro-converted = { $name } heeft een signaal omgezet in een klacht, omdat het toch niet was opgelost. U bent verantwoordelijk voor de afhandeling; de termijnen tellen vanaf het omzetten.
mail-manager-assign = Behandel de klacht zelf of wijs een afhandelaar toe (nooit een betrokken medewerker)

## Afhandelaar aangewezen en overgedragen (handler_assigned, handler_released)

mail-assigned-subject = U bent afhandelaar van klacht { $reference }
mail-assigned-intro = { $by } heeft u aangewezen als afhandelaar van klacht { $reference }.
mail-assigned-previous = U neemt de afhandeling over van { $previous }.
mail-assigned-open = De klacht staat op uw startpagina. Open de klacht:
mail-assigned-home = De klacht staat ook op uw startpagina.
mail-released-subject = Klacht { $reference } is overgedragen aan { $handler }
mail-released-title = Klacht { $reference } is overgedragen
mail-released-intro = { $by } heeft de afhandeling van klacht { $reference } overgedragen aan { $handler }. U bent niet langer de afhandelaar van deze klacht en ontvangt er geen herinneringen meer over als afhandelaar.
mail-released-agreements = Heeft u al afspraken met de klager gemaakt, geef ze dan door aan { $handler }.
mail-released-link = De klacht:

## Actie toegewezen (action_assigned)

mail-action-assigned-subject = Actie { $number } bij klacht { $reference } is aan u toegewezen
mail-action-assigned-title = Actie { $number } bij klacht { $reference }
mail-action-assigned-intro = { $by } heeft met de klager van klacht { $reference } een actie afgesproken die u uitvoert:
mail-action-label = Actie { $number }
mail-action-assigned-reminders = U krijgt een herinnering op de werkdag ervoor en op de dag zelf.
mail-action-assigned-finish = Is de actie uitgevoerd, rond haar dan af op de pagina van de klacht

## Over te dragen werk van een afwezige (handover)

mail-handover-subject = Over te dragen: { $summary } van { $person } ({ $why })
mail-handover-title = Over te dragen: werk van { $person }
mail-handover-lead = { $person } { $why }.
mail-handover-intro = Herinneringen en overzichten die voor { $person } bedoeld waren, ontvangt u zolang in diens plaats. Draag het werk zo nodig over aan een andere afhandelaar.
mail-handover-complaints = Klachten waarvan { $person } afhandelaar is ({ $count })
mail-handover-actions = Afgesproken acties van { $person } ({ $count })
mail-handover-link = Overdragen, per klacht met één klik:
mail-handover-button = Overdragen

## Werk in één keer overgedragen (bulk_handover)

mail-bulk-subject-received-from = Aan u overgedragen: { $summary } van { $from }
mail-bulk-subject-received = Aan u overgedragen: { $summary }
mail-bulk-subject-given = Uw werk is overgedragen: { $summary }
mail-bulk-title-received-from = Aan u overgedragen: werk van { $from }
mail-bulk-title-received = Aan u overgedragen
mail-bulk-title-given = Uw werk is overgedragen
mail-bulk-received-from = { $by } heeft werk van { $from } aan u overgedragen. U bent nu afhandelaar of uitvoerder van het volgende; het staat ook op uw startpagina onder { $home }.
mail-bulk-received = { $by } heeft werk aan u overgedragen. U bent nu afhandelaar of uitvoerder van het volgende; het staat ook op uw startpagina onder { $home }.
mail-bulk-home = Wacht op mij
mail-bulk-given-all = { $by } heeft uw open werk overgedragen. Hieronder staat wie wat van u overneemt.
mail-bulk-given = { $by } heeft werk van u overgedragen. Hieronder staat wie wat van u overneemt.
mail-bulk-complaints = Klachten ({ $count })
mail-bulk-actions = Afgesproken acties ({ $count })
mail-now-with = nu bij { $name }

## De directeur geraadpleegd (director_question, director_advice)

mail-director-question-subject = Uw advies gevraagd over klacht { $reference }
mail-director-question-intro = { $by } vraagt uw advies over klacht { $reference } voordat het aanbod aan de klager wordt gedaan (klachtenreglement, stap 3: { $quote }).
mail-director-question-quote = eventueel na overleg met de algemeen directeur
mail-the-question = De vraag
mail-field-offer-due = Aanbod uiterlijk
mail-director-question-answer = Geef uw advies op de pagina van de klacht; de afhandelaar krijgt dan bericht
mail-director-question-button = Advies geven bij klacht { $reference }
mail-director-advice-subject = Advies van de directeur over klacht { $reference }
mail-director-advice-intro = { $director } heeft advies gegeven over klacht { $reference }.
mail-the-advice = Het advies
mail-director-advice-record = Het advies staat bij de klacht; leg daar het aanbod vast

## Formulier naar de kwaliteitsmanager (form_to_close)

mail-form-subject = Klacht { $reference }: formulier wacht op afsluiten
mail-form-title = Klacht { $reference } wacht op afsluiten
mail-form-intro = { $by } heeft het klachtenformulier van klacht { $reference } naar de kwaliteitsmanager gestuurd. De klacht wacht nu op u: controleer het formulier en sluit de klacht af.
mail-form-blockers = Voor het afsluiten ontbreekt nog:
mail-form-all = Alle klachten die op afsluiten wachten

## Binnengekomen e-mail (incoming_mail) en e-mail van de klager (complainant_mail)

mail-incoming-subject = Binnengekomen e-mail: { $subject }
mail-incoming-title = Binnengekomen e-mail
mail-incoming-intro-from = Er is een e-mail binnengekomen van { $from } met het onderwerp "{ $subject }". Het bericht wacht op uw startpagina onder "Binnengekomen e-mail": registreer het als klacht of signaal, of markeer het als "geen klacht". Een klacht meldt u dezelfde dag.
mail-incoming-intro = Er is een e-mail binnengekomen met het onderwerp "{ $subject }". Het bericht wacht op uw startpagina onder "Binnengekomen e-mail": registreer het als klacht of signaal, of markeer het als "geen klacht". Een klacht meldt u dezelfde dag.
mail-attention = Let op:
mail-incoming-open = Open het bericht
mail-complainant-mail-subject = Klacht { $reference }: e-mail van de klager
mail-complainant-mail-title = E-mail van de klager bij klacht { $reference }
mail-complainant-mail-intro = De klager van klacht { $reference } heeft een e-mail gestuurd met het onderwerp "{ $subject }". U vindt het bericht in de geschiedenis van de klacht, als "E-mail van de klager".

## Account (account)

mail-account-subject-created = Uw account voor het klachtenregister van { $organisation }
mail-account-subject-reactivated = Uw account is weer actief
mail-account-subject-unlocked = Uw inlogblokkade is opgeheven
mail-account-created = De beheerder heeft een account voor u gemaakt.
mail-account-reactivated = De beheerder heeft uw account weer actief gemaakt.
mail-account-unlocked = De beheerder heeft de blokkade opgeheven die na te veel mislukte inlogpogingen op uw account stond.
mail-account-login = U logt in met uw e-mailadres { $email }.
mail-account-login-created = U logt in met uw e-mailadres { $email }; uw wachtwoord krijgt u van de beheerder, nooit per e-mail. Kies na het inloggen een eigen wachtwoord onder "Wachtwoord" bovenaan de pagina.
mail-account-not-you = Probeerde u niet zelf in te loggen? Meld het dan aan de beheerder: iemand anders heeft het dan geprobeerd.
mail-login = Inloggen

## Bijlagen toegevoegd (files_added)

mail-files-subject = { $count ->
    [one] Klacht { $reference }: bijlage toegevoegd
   *[other] Klacht { $reference }: bijlagen toegevoegd
}
mail-files-intro = { $by } heeft bij klacht { $reference } { $count ->
    [one] een bestand
   *[other] { $count } bestanden
} toegevoegd:
mail-files-where = U vindt { $count ->
    [one] het
   *[other] ze
} onder "Bijlagen" op de pagina van de klacht:

## Berichten niet verzonden (failure_notice)

mail-failure-subject-one = Bericht niet verzonden: { $subject }
mail-failure-subject-many = { $count } berichten niet verzonden
mail-failure-title = { $count ->
    [one] Bericht niet verzonden
   *[other] Berichten niet verzonden
}
mail-failure-intro-one = Een bericht kon na { $attempts ->
    [one] 1 poging
   *[other] { $attempts } pogingen
} niet worden verzonden.
mail-failure-intro-many = { $count } berichten konden na hun laatste poging niet worden verzonden.
mail-failure-field-to = Aan
mail-failure-field-subject = Onderwerp
mail-failure-field-attempts = Pogingen
mail-failure-field-error = Laatste fout
mail-failure-retry-text = Controleer het adres of de mailserver en verstuur de berichten opnieuw op de pagina Uitgaande berichten (één voor één, of alles tegelijk met "Alle mislukte opnieuw proberen"):
mail-failure-button = Naar Uitgaande berichten
mail-failure-retry = Controleer het adres of de mailserver en verstuur de berichten daar opnieuw: één voor één, of alles tegelijk met “Alle mislukte opnieuw proberen”.

## Heropend, aan medewerkers (reopened_staff)

mail-reopened-staff-subject = Klacht { $reference } is heropend (behandelronde { $round })
mail-reopened-staff-title = Klacht { $reference } is heropend
mail-reopened-staff-intro = { $by } heeft klacht { $reference } heropend ({ $kind }). Behandelronde { $round } is begonnen; de vorige ronde blijft opgeborgen zoals zij was.
mail-reason = Reden
mail-reopened-staff-terms-text = Termijnen van de nieuwe ronde, gerekend vanaf de heropening:
mail-reopened-staff-terms = Termijnen van de nieuwe ronde
mail-new-term-contact = Contact met de klager: uiterlijk { $date }
mail-new-term-offer = Oordeel en aanbod: uiterlijk { $date }
mail-new-term-record = Vastleggen en formulier naar de kwaliteitsmanager: uiterlijk { $date }
mail-reopened-staff-home = De klacht staat weer op uw startpagina:

## Herinnering en verstreken termijn (reminder, missed_term)

mail-reminder-subject = Herinnering: termijn { $step } { $reference } verloopt { $when }
mail-reminder-title = Termijn { $step } { $reference } verloopt { $when }
mail-reminder-intro = De termijn voor { $label } van klacht { $reference } verloopt { $when }: uiterlijk { $due }.
mail-reminder-no-handler = Er is nog geen afhandelaar toegewezen; als verantwoordelijke leidinggevende ontvangt u deze herinnering. Behandel de klacht zelf of wijs een afhandelaar toe.
mail-what-to-do-report = Meld de klacht bij de direct leidinggevende.
mail-what-to-do-contact = Neem telefonisch of persoonlijk contact op met de klager, om de klacht te verhelderen of op te lossen, en leg het gesprek vast.
mail-what-to-do-offer = Bepaal of de klacht gegrond is, besluit over genoegdoening of een vervangende dienst, doe het aanbod en leg het vast.
mail-what-to-do-record = Leg acties, aanbod en resultaat vast op het klachtenformulier en stuur het formulier naar de kwaliteitsmanager.
mail-missed-subject = Termijn verstreken: { $step } { $reference } (uiterlijk { $due })
mail-missed-title = Termijn verstreken: { $step } { $reference }
mail-missed-intro = De termijn voor { $label } van klacht { $reference } is verstreken zonder dat de stap is vastgelegd of overgeslagen.
mail-missed-field-term = Termijn
mail-missed-field-late = Te laat
mail-missed-field-responsible = Verantwoordelijk
mail-missed-nobody = nog niemand (geen afhandelaar of leidinggevende)
mail-missed-visible = De overschrijding blijft zichtbaar in het dossier en in de rapportage over termijnen.

## Dagelijks overzicht (digest)

mail-digest-subject-actions = Openstaande acties { $date }: { $actions }
mail-digest-subject-terms = Openstaande termijnen { $date }: { $terms }
mail-digest-subject-both = Openstaande termijnen { $date }: { $terms }; { $actions }
mail-digest-count-late = { $count }, { $late } te laat
mail-digest-title = Openstaande termijnen
mail-digest-none = Er zijn op { $date } geen openstaande termijnen van klachten waarvoor u verantwoordelijk bent.
mail-digest-intro = Dit zijn de openstaande termijnen van de klachten waarvoor u verantwoordelijk bent, op { $date }: { $count }.
mail-digest-intro-late = Dit zijn de openstaande termijnen van de klachten waarvoor u verantwoordelijk bent, op { $date }: { $count }, waarvan { $late }.
mail-digest-actions-title = Afgesproken acties
mail-digest-actions = Afgesproken acties met een streefdatum: { $count }.
mail-digest-actions-late = Afgesproken acties met een streefdatum: { $count }, waarvan { $late }.
mail-digest-action = actie { $number }
mail-list-more = { $count ->
    [one] En nog 1 regel; de volledige lijst staat in klacht.
   *[other] En nog { $count } regels; de volledige lijst staat in klacht.
}
mail-digest-all = Alle klachten waarbij u betrokken bent:
mail-digest-button = Naar Mijn klachten

## Herinnering aan een afgesproken actie (action_reminder)

mail-action-reminder-subject = Herinnering: actie { $number } bij { $reference } moet { $when } af zijn
mail-action-overdue-subject = Actie te laat: actie { $number } bij { $reference } (uiterlijk { $due })
mail-action-reminder-title = Actie { $number } bij { $reference }: uiterlijk { $due }
mail-action-overdue-title = Actie { $number } bij { $reference } is te laat
mail-action-reminder-lead = Actie { $number } bij klacht { $reference } moet { $when } af zijn: uiterlijk { $due }.
mail-action-overdue-lead = Actie { $number } bij klacht { $reference } had uiterlijk { $due } af moeten zijn en is nog niet afgerond: { $late } te laat.
mail-agreed-action = Afgesproken actie { $number }:
mail-action-why-owner = U bent eigenaar van deze actie. Voer haar uit en rond haar af op de pagina van de klacht.
mail-action-why-handler = De actie heeft geen eigenaar; als afhandelaar van de klacht ontvangt u dit bericht. Voer de actie uit of laat haar uitvoeren, en rond haar af op de pagina van de klacht.
mail-action-why-manager = De actie heeft geen eigenaar en de klacht nog geen afhandelaar; als verantwoordelijke leidinggevende ontvangt u dit bericht. Wijs een afhandelaar toe of zorg zelf dat de actie wordt uitgevoerd.
mail-action-why-responsible = U ontvangt dit bericht als verantwoordelijke leidinggevende van de klacht. Uitvoering: { $actor }.
mail-action-why-standing-in = U ontvangt dit bericht in plaats van { $whose }. Zorg dat de actie wordt uitgevoerd of draag de klacht over, en laat de actie afronden op de pagina van de klacht. Uitvoering: { $actor }.
mail-action-whose-owner = de eigenaar van deze actie
mail-action-whose-handler = de afhandelaar van de klacht (de actie heeft geen eigenaar)
mail-action-whose-manager = de verantwoordelijke leidinggevende van de klacht

## Weekoverzicht van de directeur (weekly_overdue)

mail-weekly-subject = Weekoverzicht week { $week }: { $terms } te laat bij { $complaints }
mail-weekly-title = Verstreken termijnen, week { $week }
mail-weekly-intro = Als eindverantwoordelijke voor de klachtafhandeling ontvangt u elke week het overzicht van de verstreken termijnen. Op { $date } { $count ->
    [one] is
   *[other] zijn
} { $terms } van { $complaints } verstreken zonder dat de stap is vastgelegd of overgeslagen.
mail-weekly-all = Het overzicht van alle klachten:
mail-weekly-button = Naar het overzicht

## Wie in plaats van een ander ontvangt, en wat openstaat: ingevuld door de
## termijnbewaking, de overdracht en het formulier naar de kwaliteitsmanager

mail-unavailable-absent = is afwezig tot en met { $date }
mail-unavailable-inactive = is niet meer actief
mail-unavailable-absent-short = afwezig t/m { $date }
mail-unavailable-inactive-short = niet meer actief
mail-name-with-status = { $name } ({ $status })
mail-former-employee = een oud-medewerker
mail-on-behalf = { $name } { $why }; u ontvangt { $what } in diens plaats.
mail-on-behalf-reminder = deze herinnering
mail-on-behalf-digest = dit overzicht
mail-on-behalf-message = dit bericht
mail-next-term = { $step }, uiterlijk { $date }
mail-actor = { $name } ({ $role })
mail-actor-unavailable = { $name } ({ $role }, { $status })
mail-actor-role-owner = eigenaar
mail-actor-role-handler = afhandelaar; de actie heeft geen eigenaar
mail-actor-role-manager = verantwoordelijke leidinggevende; er is geen eigenaar of afhandelaar

## Wat er mis is met een binnengekomen e-mail (bewaard bij het bericht, en in de melding)

mail-incoming-problem-unreadable = Het bericht is onleesbaar; het is ongewijzigd bewaard.
mail-incoming-problem-no-sender = De afzender is niet te lezen (geen geldig e-mailadres).
mail-incoming-problem-empty = Het bericht heeft geen onderwerp en geen tekst.
mail-incoming-problem-too-many-files = '{ $name }' is niet los bewaard: hoogstens { $max } bijlagen per bericht.
mail-incoming-problem-file-refused = Bijlage niet los bewaard: { $reason }
