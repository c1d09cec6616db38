# Waarom iets geweigerd werd: de codes van klacht_domain::refusal::Code,
# per code de sleutel refusal-{id}.

refusal-verbatim = { $message }
refusal-role-cannot-register = Een { $role } kan geen klachten registreren.
refusal-web-is-complaint = Een melding via de website is altijd een klacht.
refusal-complainant-name-missing = Vul de naam van de klager in.
refusal-representative-name-missing = Vul de naam van de vertegenwoordiger in.
refusal-received-in-future = Het moment van ontvangst ligt in de toekomst.
refusal-received-too-early = Het moment van ontvangst ({ $date }) ligt vóór { $year }; controleer het jaar.
refusal-description-required = De omschrijving van de klacht is verplicht.
refusal-description-too-long = De omschrijving is te lang (maximaal { $max } tekens).
refusal-reference-year = Klachtnummer { $reference } hoort niet bij het jaar van ontvangst ({ $year }).
refusal-required = { $what } is verplicht.
refusal-too-long = { $what } is te lang (maximaal { $max } tekens).
refusal-before-receipt = { $what } ({ $date }) ligt vóór de ontvangst van de klacht ({ $received }).
refusal-in-future = { $what } ({ $date }) ligt in de toekomst.
refusal-subject-service = De dienst
refusal-subject-category = De categorie
refusal-subject-cause = De oorzaak
refusal-subject-contact-date = De contactdatum
refusal-subject-contact-summary = De samenvatting van het gesprek
refusal-subject-merit-reasoning = De onderbouwing van het oordeel
refusal-subject-offer-description = De omschrijving van het aanbod
refusal-subject-offer-date = De datum van het aanbod
refusal-subject-letter-text = De tekst voor de klager
refusal-subject-response-comment = De toelichting van de klager
refusal-subject-action-description = De omschrijving van de actie
refusal-subject-note = De toelichting
refusal-subject-external-party = De naam van de externe partij
refusal-subject-escalation-date = De escalatiedatum
refusal-subject-outcome-date = De datum van de uitkomst
refusal-subject-outcome = De uitkomst
refusal-subject-exact-id = Het registratienummer in Exact
refusal-subject-waiver-reason = De reden om de stap over te slaan
refusal-subject-conversion-reason = De reden van de omzetting
refusal-subject-director-question = De vraag aan de directeur
refusal-subject-advice = Het advies
refusal-subject-reopening-reason = De reden van de heropening
refusal-subject-correction-reason = De reden van de correctie
refusal-intake-fixed = Klachtnummer, soort, ontvanger en verantwoordelijke leidinggevende kunnen niet worden gecorrigeerd.
refusal-reclassified = Categorie en oorzaak zijn na de registratie opnieuw ingedeeld; wijzig ze met een nieuwe indeling.
refusal-handler-not-involved = De afhandelaar kan niet als betrokken medewerker worden opgegeven; wijs eerst een andere afhandelaar toe.
refusal-assistant-not-involved = Wie bijstand verleent kan niet als betrokken medewerker worden opgegeven.
refusal-receipt-after-step = De ontvangst ({ $received }) kan niet na een vastgelegde stap ({ $step }) liggen.
refusal-no-value-without-offer = Bij 'geen aanbod' hoort geen waarde.
refusal-zero-value = Een waarde van € 0,00 zegt niets; laat de waarde leeg.
refusal-offer-too-high = Een aanbod van meer dan { $max } is niet mogelijk; controleer de waarde.
refusal-response-empty = Leg vast of het aanbod is aanvaard, de tevredenheid of een toelichting.
refusal-due-before-receipt = De streefdatum ({ $due }) ligt vóór de ontvangst van de klacht ({ $received }).
refusal-due-too-far = De streefdatum ({ $due }) ligt te ver in de toekomst.
refusal-escalation-after-outcome = De escalatiedatum ({ $on }) ligt na de uitkomst ({ $outcome }).
refusal-outcome-before-escalation = De uitkomst ({ $on }) kan niet vóór de escalatie ({ $escalated }) liggen.
refusal-no-permission = Geen toestemming voor '{ $action }' bij klacht { $reference }.
refusal-question-other-director = Vraag { $number } is aan een andere directeur gesteld.
refusal-system-only-exact = Het systeem mag geen '{ $action }' uitvoeren; alleen de registratie in Exact.
refusal-manager-own-team = Een leidinggevende kan alleen zichzelf of een medewerker uit het eigen team als afhandelaar aanwijzen.
refusal-correct-own-only = Alleen wie gebeurtenis { $number } mag vastleggen, of de kwaliteitsmanager, mag haar corrigeren.
refusal-no-files-allowed = U mag geen bijlagen toevoegen aan deze klacht.
refusal-no-link-permission = Geen toestemming om klacht { $reference } te koppelen.
refusal-no-unlink-permission = Geen toestemming om koppelingen van klacht { $reference } te wijzigen.
refusal-not-a-manager = { $name } is geen leidinggevende.
refusal-not-a-director = { $name } is geen directeur.
refusal-already-responsible = { $name } is al verantwoordelijk voor deze klacht.
refusal-assist-only-quality-or-director = Alleen de kwaliteitsmanager of de directeur kan bijstand verlenen.
refusal-assistant-involved = Wie bijstand verleent mag niet betrokken zijn bij de dienst waarover geklaagd wordt.
refusal-assistant-is-handler = { $name } is de afhandelaar.
refusal-already-assisting = { $name } verleent al bijstand.
refusal-admin-cannot-handle = Een beheerder kan geen klachten afhandelen.
refusal-admin-sees-no-complaints = Een beheerder ziet geen klachten en handelt ze niet af.
refusal-handler-involved = De afhandelaar mag niet betrokken zijn bij de dienst waarover geklaagd wordt.
refusal-already-handler = { $name } is al de afhandelaar.
refusal-no-advice-from-self = U kunt uzelf geen advies vragen.
refusal-advisor-involved = Wie bij de dienst betrokken is waarover geklaagd wordt, geeft geen advies over de klacht.
refusal-no-more-questions = Er kunnen geen vragen meer worden gesteld.
refusal-involved-cannot-handle = Wie betrokken is bij de dienst, handelt de klacht niet af.
refusal-no-such-question = Vraag { $number } aan de directeur bestaat niet.
refusal-question-answered = Vraag { $number } is al beantwoord; stel zo nodig een nieuwe vraag.
refusal-no-more-actions = Er kunnen geen acties meer worden toegevoegd.
refusal-no-such-action = Actie { $number } bestaat niet.
refusal-action-done = Actie { $number } is al afgerond.
refusal-admin-no-actions = Een beheerder voert geen acties uit.
refusal-already-owns-action = { $name } voert actie { $number } al uit.
refusal-step-recorded-cannot-waive = De stap '{ $step }' is al vastgelegd en kan niet meer worden overgeslagen.
refusal-step-already-waived = De stap '{ $step }' is al overgeslagen.
refusal-step-recorded = De stap '{ $step }' is al vastgelegd; corrigeer hem als hij niet klopt.
refusal-step-waived = De stap '{ $step }' is overgeslagen en kan niet meer worden vastgelegd.
refusal-no-escalation = Er loopt geen externe escalatie.
refusal-escalation-running = Er loopt al een externe escalatie; leg eerst de uitkomst vast.
refusal-classification-unchanged = De indeling verandert niets.
refusal-no-such-round = Er is geen behandelronde { $number }.
refusal-round-in-exact = Behandelronde { $number } is al geregistreerd in Exact ({ $exact_id }).
refusal-signal-no-workflow = { $reference } is een signaal (direct opgelost) zonder werkstroom; zet het eerst om in een klacht.
refusal-already-in-exact = Klacht { $reference } is al geregistreerd in Exact; corrigeer de registratie als die niet klopt.
refusal-closed-only-exact = Klacht { $reference } is afgesloten; alleen de registratie in Exact en correcties door de kwaliteitsmanager zijn nog mogelijk.
refusal-assign-handler-first = Wijs eerst een afhandelaar toe.
refusal-already-complaint = { $reference } is al een klacht.
refusal-not-closed-reopen = Klacht { $reference } is niet afgesloten; alleen een afgesloten klacht kan worden heropend.
refusal-handed-in = Klacht { $reference } is vastgelegd en naar de kwaliteitsmanager gestuurd; er valt voor een afhandelaar niets meer te doen.
refusal-merit-decided = De gegrondheid is al bepaald; corrigeer het oordeel als het niet klopt.
refusal-offer-waived-no-merit = De stap 'aanbod' is overgeslagen; er wordt geen oordeel meer vastgelegd.
refusal-no-open-question = Er staat geen vraag aan de directeur open.
refusal-decide-merit-first = Bepaal eerst of de klacht gegrond is.
refusal-no-offer-yet = Er is nog geen aanbod gedaan.
refusal-response-recorded = De reactie van de klager is al vastgelegd; corrigeer haar als die niet klopt.
refusal-form-needs-step = Het klachtenformulier kan pas worden verstuurd als '{ $step }' is vastgelegd of overgeslagen.
refusal-all-steps-settled = Alle stappen zijn al vastgelegd of overgeslagen.
refusal-cannot-close-yet = Klacht { $reference } kan nog niet worden afgesloten. Nog nodig: { $missing }.
refusal-exact-after-closing = De registratie in Exact volgt op het afsluiten van de klacht.
refusal-not-closed-exact = Klacht { $reference } is nog niet afgesloten; pas dan volgt de registratie in Exact.
refusal-blocker-offer-no-merit = { $step } (gegrondheid nog niet bepaald)
refusal-blocker-escalation = uitkomst van de externe escalatie
refusal-blocker-action = afronding van actie { $number }
refusal-no-such-event = Gebeurtenis { $number } bestaat niet.
refusal-event-sealed = Gebeurtenis { $number } hoort bij een eerdere behandelronde; die ronde is opgeborgen en verzegeld en wordt niet meer gecorrigeerd. Leg wat nu geldt vast in de lopende ronde.
refusal-no-correct-report = Een melding wordt niet gecorrigeerd; stuur de klacht door naar de juiste leidinggevende.
refusal-no-correct-assignment = Een toewijzing wordt niet gecorrigeerd; wijs een andere afhandelaar toe.
refusal-no-correct-assistant = Toegevoegde bijstand kan niet worden gecorrigeerd.
refusal-no-correct-classification = Een indeling wordt niet gecorrigeerd; leg een nieuwe indeling vast.
refusal-no-correct-form-sent = Het versturen van het formulier kan niet worden gecorrigeerd.
refusal-no-correct-satisfaction = Wat de klager zelf over de tevredenheid doorgaf, wordt niet gecorrigeerd.
refusal-no-correct-mail = Een e-mail van de klager wordt niet gecorrigeerd; hij staat in de geschiedenis zoals hij binnenkwam.
refusal-no-correct-files = Een toegevoegde bijlage wordt niet gecorrigeerd; voeg zo nodig het juiste bestand toe.
refusal-no-correct-link = Een koppeling wordt niet gecorrigeerd; verwijder haar of leg een nieuwe vast.
refusal-no-correct-transfer = Een overdracht wordt niet gecorrigeerd; draag de actie opnieuw over.
refusal-no-correct-consultation = Een vraag aan de directeur of haar advies wordt niet gecorrigeerd; stel zo nodig een nieuwe vraag.
refusal-no-correct-reopening = Een heropening wordt niet gecorrigeerd; zij begint een nieuwe behandelronde.
refusal-no-correct-correction = Een correctie wordt niet zelf gecorrigeerd; corrigeer de oorspronkelijke gebeurtenis opnieuw.
refusal-correction-same-kind = Een correctie van gebeurtenis { $number } is van dezelfde soort en houdt hetzelfde actienummer of dezelfde stap.
refusal-not-correctable = Gebeurtenis { $number } kan niet worden gecorrigeerd.
refusal-correction-unchanged = De correctie verandert niets.
refusal-signal-no-handling = Een signaal heeft geen lopende behandeling.
refusal-complaint-closed = De klacht is afgesloten.
refusal-closed-no-files = De klacht is afgesloten en opgeborgen; er kunnen geen bijlagen meer bij.
refusal-choose-file = Kies een bestand om toe te voegen.
refusal-too-many-files = U kunt hoogstens { $max } bestanden tegelijk toevoegen.
refusal-link-not-found = Er is geen klacht { $reference } gevonden die u kunt inzien.
refusal-link-self = Een klacht kan niet aan zichzelf worden gekoppeld.
refusal-already-linked = Klacht { $other } is al gekoppeld aan { $reference }.
refusal-not-linked = Klacht { $other } is niet gekoppeld aan { $reference }.
refusal-no-link-with = Klacht { $reference } heeft geen koppeling met die klacht.
refusal-route-only-web = Alleen een klacht via de website wordt automatisch doorgestuurd.
refusal-already-reported = De klacht is al gemeld bij een leidinggevende.
refusal-no-satisfaction-question = Voor deze melding is geen tevredenheidsvraag.
refusal-satisfaction-given = U heeft uw tevredenheid al doorgegeven op { $date }. Dank u wel.
refusal-satisfaction-not-yet = U kunt uw tevredenheid doorgeven zodra wij u ons besluit over de klacht hebben laten weten.
refusal-satisfaction-comment-too-long = Uw toelichting is te lang (maximaal { $max } tekens).
refusal-satisfaction-comment-characters = Uw toelichting bevat tekens die we niet kunnen opslaan.

# De eigen fouten van de web-laag (WebError), en wat de app weigert.

error-sign-in = U moet eerst inloggen.
error-csrf = Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens.
error-edit-conflict = Iemand anders heeft deze klacht intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.
error-duplicate-email = Er bestaat al een gebruiker met dit e-mailadres.
error-duplicate-view = U heeft al een weergave met deze naam. Kies een andere naam.
error-duplicate = Dit bestaat al ({ $what }).
error-complaint-not-found = klacht niet gevonden
error-no-offer-letter = Er is nog geen aanbod gedaan; er is dus nog geen bevestigingsbrief.
error-dossier-not-closed = klacht { $reference } is niet afgesloten en wordt dus nog niet opgeborgen
error-wrong-current-password = Het huidige wachtwoord klopt niet.
error-password-mismatch = De nieuwe wachtwoorden zijn niet gelijk.
error-unknown-account = Er is geen account in klacht voor { $email }.
error-deactivated = Het account { $email } is gedeactiveerd.
error-sso-provider = De inlogdienst is niet bereikbaar. Probeer het later opnieuw.
error-sso-flow = Het inloggen is verlopen of in een ander venster begonnen. Probeer het opnieuw vanaf de inlogpagina.
error-sso-denied = De inlogdienst heeft het inloggen afgebroken of niet toegestaan.
error-sso-token = De inlogdienst gaf geen geldige aanmelding terug. Probeer het opnieuw.
error-sso-no-email = De inlogdienst gaf geen e-mailadres door (claim { $claim }).
error-password-too-short = het wachtwoord moet minstens { $min } tekens lang zijn

# Overdracht, werk in bulk, beheer, bestanden, inloggen.
refusal-handover-only-managers = Overdracht is voor leidinggevenden, de kwaliteitsmanager en de directeur.
refusal-handover-not-your-team = U kunt het werk van { $name } niet overdragen: alleen dat van uw eigen team.
refusal-handover-choose-taker = Kies aan wie u dit overdraagt (uzelf of iemand uit uw team).
refusal-reassign-only-managers = Afhandelaars toewijzen is voor leidinggevenden, de kwaliteitsmanager en de directeur.
refusal-reassign-choose-handler = Kies een afhandelaar uit de lijst (uzelf of iemand uit uw team).
refusal-reassign-not-your-team = U kunt geen afhandelaar toewijzen aan klacht { $reference }: die hoort niet bij uw team.
refusal-reassign-not-all = U kunt niet aan alle gekozen klachten een afhandelaar toewijzen.
refusal-bulk-choose-complaints = Kies eerst een of meer klachten.
refusal-bulk-choose-classification = Kies een categorie, een oorzaak of beide.
refusal-bulk-classify-not-all = U kunt niet alle gekozen klachten indelen.
refusal-classification-not-on-list = '{ $value }' staat niet in de lijst van { $kind ->
        [category] categorieën
       *[cause] oorzaken
    }; kies uit: { $names }.
refusal-classification-none-active = Er zijn geen actieve { $kind ->
        [category] categorieën
       *[cause] oorzaken
    }; laat de { $kind ->
        [category] categorie
       *[cause] oorzaak
    } leeg.
refusal-admin-only = Beheer is alleen voor de beheerder.
refusal-admin-name-missing = { $what } ontbreekt.
refusal-admin-name-too-long = { $what } mag hoogstens { $max } gewone tekens hebben.
refusal-admin-subject-user-name = De naam
refusal-admin-subject-list-value-name = De naam van de { $kind ->
        [category] categorie
       *[cause] oorzaak
    }
refusal-admin-subject-service-name = De naam van de dienst
refusal-admin-list-value-exists = De { $kind ->
        [category] categorie
       *[cause] oorzaak
    } '{ $name }' bestaat al.
refusal-admin-service-exists = De dienst '{ $name }' bestaat al.
refusal-admin-service-choose-manager = Kies een actieve leidinggevende.
refusal-admin-calendar-busy = De kalender werd tegelijk door iemand anders gewijzigd. Probeer het opnieuw.
refusal-admin-not-a-day = '{ $typed }' is geen datum (JJJJ-MM-DD).
refusal-admin-closing-day-years = Kies een datum tussen 2000 en 2999.
refusal-admin-closing-day-exists = { $date } is al een sluitingsdag.
refusal-admin-closing-day-not-added = { $date } is geen sluitingsdag die in Beheer is toegevoegd.
refusal-admin-employee-needs-manager = Een medewerker heeft een direct leidinggevende.
refusal-admin-needs-no-manager = De beheerder werkt niet aan klachten en heeft geen leidinggevende nodig.
refusal-admin-manager-unknown = De gekozen leidinggevende bestaat niet.
refusal-admin-manager-inactive = { $name } is niet actief.
refusal-admin-manager-not-managing = { $name } is geen leidinggevende, kwaliteitsmanager of directeur.
refusal-admin-manager-circle = Iemand kan niet (indirect) leidinggevende van zichzelf zijn.
refusal-admin-password-too-short = Het wachtwoord moet minstens { $min } tekens lang zijn.
refusal-admin-email-taken = Er bestaat al een gebruiker met het e-mailadres { $email }. Kies een ander adres of wijzig de bestaande gebruiker.
refusal-admin-own-role = U kunt uw eigen rol als beheerder niet wijzigen; laat dat een andere beheerder doen.
refusal-admin-manager-of-others = { $name } is leidinggevende van { $count } actieve medewerker(s). Geef hen eerst een andere leidinggevende.
refusal-admin-deactivate-self = U kunt uzelf niet deactiveren.
refusal-view-only-quality-director = Weergaven zijn er voor de kwaliteitsmanager en de directeur.
refusal-view-name-missing = Geef de weergave een naam.
refusal-view-name-too-long = De naam is te lang (ten hoogste { $max } tekens).
refusal-view-name-characters = De naam mag geen regeleinden of tabs bevatten.
refusal-view-exists = U heeft al een weergave met de naam '{ $name }'. Kies een andere naam.
refusal-files-too-many = U kunt hoogstens { $max } bestanden meesturen; u koos er { $count }.
refusal-file-too-large = '{ $name }' is te groot (hoogstens { $mb } MB per bestand).
refusal-file-empty = '{ $name }' is leeg.
refusal-file-not-accepted = '{ $name }' is geen PDF, JPEG, PNG of Word-bestand (.docx).
refusal-file-name-mismatch = '{ $name }' is { $kind ->
        [pdf] een PDF-bestand
        [jpeg] een JPEG-foto
        [png] een PNG-afbeelding
       *[docx] een Word-bestand
    }, maar de naam eindigt niet op .{ $extension }.
refusal-two-sentences = { $first } { $then }
refusal-sso-id-token = De aanmelding van de inlogdienst is niet geldig: { $reason }. Probeer het opnieuw.
refusal-sso-reason-expired = de aanmelding is verlopen
refusal-sso-reason-audience = de aanmelding is voor een andere toepassing bedoeld
refusal-sso-reason-nonce = de aanmelding hoort niet bij deze inlogpoging
refusal-sso-reason-issuer = de aanmelding komt van een andere inlogdienst
refusal-sso-reason-signature = de ondertekening klopt niet
refusal-sso-reason-other = de aanmelding klopt niet

# Improvement actions and patterns.
refusal-improvement-manage-only = Alleen de kwaliteitsmanager of de directeur opent verbeteracties.
refusal-improvement-judge-only = Alleen de kwaliteitsmanager of de directeur beoordeelt patronen.
refusal-improvement-admin-sees-none = Een beheerder ziet geen verbeteracties.
refusal-improvement-update-only = Alleen de eigenaar, de kwaliteitsmanager of de directeur wijzigt verbeteractie { $number }.
refusal-improvement-done = Verbeteractie { $number } is afgerond.
refusal-improvement-owner-admin = Een beheerder kan geen eigenaar van een verbeteractie zijn.
refusal-improvement-owner-from-list = Kies als eigenaar een actieve medewerker uit de lijst.
refusal-improvement-due-past = De streefdatum ({ $date }) ligt in het verleden.
refusal-improvement-due-far = De streefdatum ({ $date }) ligt te ver in de toekomst.
refusal-improvement-no-complaints = Koppel minstens één klacht aan de verbeteractie.
refusal-improvement-no-pattern-complaint = Koppel minstens één klacht van het patroon aan de verbeteractie.
refusal-improvement-too-many-complaints = Koppel hooguit { $max } klachten aan één verbeteractie.
refusal-improvement-close-with-evaluation = Rond de verbeteractie af met een evaluatie van het effect.
refusal-improvement-status-already = De status is al '{ $status ->
        [open] open
        [in_progress] in uitvoering
       *[done] afgerond
    }'.
refusal-improvement-choose-status = Kies een status uit de lijst.
refusal-improvement-change-does-not-fit = Deze wijziging past niet bij de verbeteractie.
refusal-improvement-pattern-not-open = Dit patroon staat niet (meer) open: er is intussen over besloten, of de klachten vallen buiten het venster. Laad de pagina opnieuw.
refusal-improvement-dismiss-reason-required = De reden van de afwijzing is verplicht.
refusal-improvement-dismiss-reason-too-long = De reden is te lang (maximaal { $max } tekens).
refusal-improvement-pattern-changed = Het patroon is veranderd sinds u de pagina opende. Bekijk het hieronder opnieuw en wijs het dan af.
refusal-improvement-action-pattern-changed = Het patroon is veranderd sinds u het formulier opende: er zijn klachten bij gekomen of afgegaan. Kijk het aantal hieronder na en open de actie opnieuw.
refusal-subject-improvement-title = De titel
refusal-subject-improvement-description = De beschrijving van de verandering in werkwijze
refusal-subject-improvement-evaluation = De evaluatie van het effect

# Waarden die niet te lezen waren (ParseError).
refusal-sentence = { SENTENCE($phrase) }
refusal-not-an-id = '{ $input }' is geen geldige id
refusal-reference-out-of-range = ongeldig klachtnummer: jaar { $year }, volgnummer { $number }
refusal-not-a-reference = '{ $input }' is geen klachtnummer (verwacht K-JJJJ-NNNN)
refusal-not-an-email = '{ $input }' is geen geldig e-mailadres
refusal-not-a-tracking-code = dit is geen geldige volgcode (12 tekens, zoals ABCD-EFGH-JKMN)
refusal-time-zone-missing = Tijdzone ontbreekt: gebruik een IANA-naam zoals Europe/Amsterdam
refusal-unknown-time-zone = '{ $input }' is geen bekende tijdzone: gebruik een IANA-naam zoals Europe/Amsterdam
refusal-received-missing = Datum van binnenkomst ontbreekt: gebruik JJJJ-MM-DD of RFC 3339
refusal-no-such-date-in = '{ $input }' bevat geen bestaande datum
refusal-out-of-range = '{ $input }' valt buiten het ondersteunde bereik
refusal-no-offset = '{ $input }' mist een tijdzone: voeg een verschuiving toe, bijv. +02:00 of Z
refusal-not-a-moment = '{ $input }' is geen geldige datum of tijd: gebruik JJJJ-MM-DD of RFC 3339 (bijv. 2026-04-24T09:30:00+02:00)
refusal-not-a-reminder-kind = '{ $input }' is geen soort herinnering: gebruik day_before en/of morning_of
refusal-unknown-role = onbekende rol '{ $input }': kies uit employee, manager, quality-manager, director, admin
refusal-unknown-dimension = onbekende dimensie '{ $input }'
refusal-pattern-min-complaints = minimaal 2 klachten voor een patroon (niet { $given })
refusal-pattern-window = een venster van 1 tot en met { $max } dagen (niet { $given })
refusal-not-a-pattern = '{ $input }' is geen patroon
refusal-unknown-status = onbekende status '{ $input }'
refusal-improvement-number-out-of-range = ongeldig nummer van een verbeteractie: jaar { $year }, volgnummer { $number }
refusal-not-an-improvement-number = '{ $input }' is geen nummer van een verbeteractie (V-JJJJ-NNNN)
refusal-unknown-value = onbekend(e) { $what } '{ $input }': kies uit { $choices }
refusal-list-kind = soort
refusal-list-channel = kanaal
refusal-list-status = status
refusal-list-reopening-kind = soort heropening
refusal-list-merit = oordeel
refusal-list-offer-kind = soort aanbod
refusal-list-contact-mode = contactvorm
refusal-list-waivable-step = stap
refusal-list-link-reason = reden
refusal-report-not-waivable = het melden bij de leidinggevende kan niet worden overgeslagen
refusal-satisfaction-out-of-range = tevredenheid moet tussen { $min } en { $max } liggen, niet { $score }
refusal-not-a-satisfaction-score = '{ $input }' is geen tevredenheidscijfer (1-5)
refusal-party-name-required = de naam van de klager is verplicht
refusal-not-a-name = '{ $input }' is geen geldige naam
refusal-not-a-phone-number = '{ $input }' is geen geldig telefoonnummer
refusal-address-too-long = het adres is te lang (maximaal { $max } tekens)
refusal-not-a-day = '{ $input }' is geen datum (JJJJ-MM-DD)
refusal-no-such-day = '{ $input }' is geen bestaande datum (JJJJ-MM-DD)
refusal-unreadable = deze waarde is niet te gebruiken
refusal-unknown-message-kind = onbekend soort bericht '{ $input }'
refusal-unknown-list = onbekende lijst '{ $input }'
