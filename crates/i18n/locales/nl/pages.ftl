# De overige pagina's van medewerkers: agenda, afwezigheid en overdragen,
# uitgaande berichten, binnengekomen e-mail en de weigering van single
# sign-on.

## Agenda-abonnement (/agenda)

agenda-title = Agenda-abonnement
agenda-intro = Zet de termijnen van de klachten die u behandelt of waarvoor u als leidinggevende verantwoordelijk bent in uw agenda, in Outlook of op uw telefoon. Elke termijn staat als hele dag op de laatste dag waarop de stap op tijd is. Ook de afgesproken acties met een streefdatum waarvan u eigenaar bent, of die horen bij een klacht die u behandelt of waarvoor u verantwoordelijk bent, staan erin, op hun streefdatum. De agenda werkt zichzelf bij; er staan geen gegevens van klagers in, alleen het klachtnummer, de stap of het actienummer en een link naar de klacht.
agenda-your-address-html = <strong>Uw persoonlijke agenda-adres</strong> (alleen nu zichtbaar; bewaar het of voeg het meteen toe):
agenda-address = Adres
agenda-add-here = Toevoegen aan de agenda op dit apparaat
agenda-how-html = In Outlook: <em>Agenda toevoegen</em> &rarr; <em>Abonneren vanaf het web</em>, en plak het adres. Op een iPhone: <em>Instellingen</em> &rarr; <em>Agenda</em> &rarr; <em>Accounts</em> &rarr; <em>Voeg account toe</em> &rarr; <em>Anders</em> &rarr; <em>Voeg agenda-abonnement toe</em>. In Google Agenda: <em>Andere agenda's</em> &rarr; <em>Via URL</em>.
agenda-keep-secret = Wie dit adres heeft, ziet uw termijnen. Deel het niet. Kwijt of gedeeld? Maak hieronder een nieuw adres; het oude werkt dan niet meer.
agenda-since = U heeft een agenda-abonnement sinds { $date }.
agenda-shown-once = Het adres wordt om veiligheidsredenen maar één keer getoond. Kwijt? Maak een nieuw adres; het oude werkt dan niet meer.
agenda-new-address = Nieuw adres maken
agenda-remove = Abonnement opheffen
agenda-none = U heeft nog geen agenda-abonnement.
agenda-make = Agenda-adres maken
agenda-admin = Als beheerder behandelt u geen klachten en heeft u geen termijnen.
agenda-removed = Het agenda-abonnement is opgeheven; het adres werkt niet meer.
agenda-was-none = Er was geen agenda-abonnement.

## De agenda zelf (het .ics-bestand)

agenda-feed-name = Klachttermijnen { $organisation }
agenda-feed-word-report = melden
agenda-feed-word-contact = contact
agenda-feed-word-offer = aanbod
agenda-feed-word-record = vastleggen
agenda-feed-late = Te laat: { $summary }
agenda-feed-step = { $step } { $reference }
agenda-feed-step-description = Termijn '{ $step }' van klacht { $reference }: uiterlijk { $date } ({ $status }).
agenda-feed-action = Actie { $number } { $reference }
agenda-feed-action-description = Afgesproken actie { $number } bij klacht { $reference }: uiterlijk { $date } ({ $status }).

## Afwezigheid (/afwezigheid)

absence-title = Afwezigheid
absence-intro = Leg vast wanneer iemand afwezig is, bijvoorbeeld door vakantie of ziekte. Zolang iemand afwezig is, gaan herinneringen en overzichten die voor hem of haar bedoeld zijn naar de verantwoordelijke leidinggevende, en staat in die berichten voor wie ze eigenlijk bedoeld zijn. Op de eerste dag krijgt de leidinggevende één bericht met de klachten en afgesproken acties die misschien overgedragen moeten worden.
absence-handover-link = Klachten van afwezige of inactieve afhandelaars overdragen
absence-record = Afwezigheid vastleggen
absence-whom = Voor wie
absence-from = Van
absence-to = Tot en met
absence-note-html = Toelichting (optioneel, bijvoorbeeld "vakantie"; geen medische gegevens)
absence-submit = Vastleggen
absence-current = Huidige en geplande afwezigheid
absence-none = Er is geen huidige of geplande afwezigheid vastgelegd.
absence-col-who = Wie
absence-col-period = Periode
absence-col-note = Toelichting
absence-col-recorded-by = Vastgelegd door
absence-now-absent = (nu afwezig)
absence-end = Beëindigen
absence-remove = Verwijderen
absence-end-hint = Beëindigen: de persoon is vanaf vandaag weer aanwezig. Verwijderen: een afwezigheid die nog niet begonnen is, vervalt.
absence-yourself = { $name } (uzelf)
absence-unknown-person = onbekend
absence-period = { $from } t/m { $to }
absence-admin = Als beheerder behandelt u geen klachten; afwezigheid legt u hier niet vast.
absence-recorded-own = Uw afwezigheid is vastgelegd. Herinneringen gaan in die periode naar de leidinggevende.
absence-recorded-own-alerted = Uw afwezigheid is vastgelegd. Herinneringen gaan zolang naar de leidinggevende, die een overzicht van het over te dragen werk heeft gekregen.
absence-recorded-other = De afwezigheid van { $name } is vastgelegd. Herinneringen gaan in die periode naar de leidinggevende.
absence-recorded-other-alerted = De afwezigheid van { $name } is vastgelegd. Herinneringen gaan zolang naar de leidinggevende, die een overzicht van het over te dragen werk heeft gekregen.
absence-removed = De afwezigheid van { $name } is verwijderd.
absence-ended = { $name } is weer aanwezig; herinneringen gaan weer naar { $name } zelf.

## Overdragen (/afwezigheid/overdragen)

handover-title = Overdragen
handover-intro = Klachten waarvan de afhandelaar vandaag afwezig of niet meer actief is, en die u aan een andere afhandelaar kunt toewijzen. De overdracht komt in de tijdlijn van de klacht; de nieuwe afhandelaar krijgt bericht.
handover-to-absence = Naar Afwezigheid
handover-none = Er zijn geen klachten over te dragen.
handover-col-complaint = Klacht
handover-col-handler = Afhandelaar
handover-col-next-term = Volgende termijn
handover-col-to = Overdragen aan
handover-nobody = Niemand beschikbaar
handover-new-handler-for = Nieuwe afhandelaar voor { $reference }
handover-submit = Overdragen
handover-per-person = Alles van één medewerker overdragen
handover-per-person-intro = Alle open klachten en afgesproken acties van één persoon in één formulier overdragen, bijvoorbeeld bij langdurige afwezigheid of vertrek.
handover-of = Overdracht van { $name }
handover-inactive = { $name } (niet meer actief)
handover-absent-until = { $name } (afwezig t/m { $day } { $month })
handover-next-term = { $step }, uiterlijk { $date }
handover-forbidden = Overdragen is voor leidinggevenden, de kwaliteitsmanager en de directeur.
handover-choose = Kies aan wie u de klacht overdraagt.
handover-done = Klacht { $reference } is overgedragen aan { $name }.

## Overdracht van één medewerker (/medewerkers/…/overdracht)

bulk-handover-intro = Alle open klachten waarvan { $name } afhandelaar is en alle open afgesproken acties die { $name } uitvoert. Kies per regel wie het overneemt (standaard uzelf) en draag alles in één keer over. Elke overdracht komt in de tijdlijn van de klacht; wie iets ontvangt krijgt één bericht met de lijst, en { $name } ook.
bulk-handover-to-handover = Naar Overdragen
bulk-handover-nothing = { $name } heeft geen open klachten of acties over te dragen.
bulk-handover-col-what = Wat
bulk-handover-col-note = Toelichting
bulk-handover-new-owner-for = Nieuwe uitvoerder voor { $reference }
bulk-handover-submit = Alles overdragen
bulk-handover-handler = Afhandelaar
bulk-handover-action = Actie { $number }
bulk-handover-refused = Er is niets overgedragen: niet alles kan naar de gekozen persoon. Pas de keuze aan bij de gemarkeerde regels.
bulk-handover-not-everything = Niet alles kan worden overgedragen.
bulk-handover-nothing-moved = Er was niets over te dragen.
bulk-handover-moved = Overgedragen: { $complaints } klacht(en) en { $actions } afgesproken actie(s). Wie iets ontving, kreeg één bericht met de lijst.

## Uitgaande berichten (/berichten)

outbox-title = Uitgaande berichten — { $organisation }
outbox-heading = Uitgaande berichten
outbox-server-html = E-mail gaat via de mailserver <strong>{ $server }</strong>. Een bericht dat niet aankomt, wordt opnieuw geprobeerd met steeds langere tussenpozen; na de laatste poging staat het hieronder bij <em>Mislukt</em>.
outbox-no-server-html = <strong>Er is geen mailserver ingesteld</strong> (<code>KLACHT_SMTP_URL</code>). Berichten blijven in de wachtrij en worden verstuurd zodra er een mailserver is ingesteld.
outbox-counts = Aantallen
outbox-pending = In de wachtrij
outbox-sent = Verzonden
outbox-failed = Mislukt
outbox-exact-html = Registraties voor Exact die nog niet zijn afgeleverd, om zelf in Exact in te lezen: <a href="/berichten/exact.csv" download>CSV</a> · <a href="/berichten/exact.json" download>JSON</a>.
outbox-no-failed = Geen mislukte berichten.
outbox-retry-all = Alle mislukte opnieuw proberen
outbox-col-created = Aangemaakt
outbox-col-to = Aan
outbox-col-subject = Onderwerp
outbox-col-attempts = Pogingen
outbox-col-error = Laatste fout
outbox-col-action = Actie
outbox-col-status = Status
outbox-col-sent = Verzonden
outbox-complaint = (klacht)
outbox-retry = Opnieuw proberen
outbox-recent = Laatste berichten
outbox-no-messages = Nog geen berichten.
outbox-attempts = ({ $count } pogingen)
outbox-status-pending = in de wachtrij
outbox-status-sent = verzonden
outbox-status-failed = mislukt
outbox-kind-mail = e-mail
outbox-kind-exact = registratie in Exact
outbox-exact-subject = Registratie in Exact van klacht { $reference }
outbox-forbidden = Uitgaande berichten zijn er voor de kwaliteitsmanager.
outbox-retry-forbidden = Alleen de kwaliteitsmanager kan berichten opnieuw versturen.
outbox-requeued = Het bericht “{ $subject }” staat weer in de wachtrij.
outbox-not-failed = Dit bericht was al opnieuw aangeboden of is verzonden.
outbox-none-failed = Er waren geen mislukte berichten meer.
outbox-requeued-all =
    { $count ->
        [one] 1 bericht staat weer in de wachtrij.
       *[other] { $count } berichten staan weer in de wachtrij.
    }

## Binnengekomen e-mail (/binnengekomen/…)

mailbox-page-title = Binnengekomen e-mail — { $organisation }
mailbox-heading = Binnengekomen e-mail
mailbox-reply-heading = E-mail van de klager
mailbox-from = Van
mailbox-subject = Onderwerp
mailbox-received = Binnengekomen
mailbox-files = Bijlagen
mailbox-problem-html = <strong>Let op:</strong>
mailbox-reply-html = Deze e-mail van de klager staat in de geschiedenis van <a href="/klachten/{ $complaint }">de klacht</a>.
mailbox-read = Gelezen
mailbox-done = Dit bericht is al verwerkt.
mailbox-not-allowed = Alleen de kwaliteitsmanager verwerkt binnengekomen e-mail.
mailbox-back = Terug naar Wacht op mij
mailbox-service = Dienst
mailbox-service-unknown = Weet ik niet / anders
mailbox-register-complaint = Registreren als klacht
mailbox-register-signal = Registreren als signaal
mailbox-dismiss = Geen klacht
mailbox-unknown-sender = onbekende afzender
mailbox-no-subject = (geen onderwerp)
mailbox-marked-read = De e-mail van de klager is als gelezen gemarkeerd.
mailbox-choose-kind = Kies klacht of signaal.
mailbox-unknown-service = Deze dienst bestaat niet.
mailbox-registered = De e-mail is geregistreerd als { $kind } { $reference }.
mailbox-dismissed = De e-mail is gemarkeerd als geen klacht.

## Inloggen met single sign-on geweigerd

sso-refused-title = Inloggen niet gelukt
sso-refused-account = U kunt klacht alleen gebruiken met een actief account van uw organisatie.
sso-refused-ask-admin-html = Vraag de beheerder van klacht (Beheer &gt; Gebruikers) om een account of om het weer actief te maken.
sso-refused-ask = Vraag de beheerder van klacht om een account of om het weer actief te maken:
sso-refused-name-address = Noem daarbij het e-mailadres hierboven.
sso-refused-back = Terug naar inloggen
sso-refused-unknown-account = Er is geen account in klacht voor { $email }.
sso-refused-deactivated = Het account { $email } is gedeactiveerd.
sso-refused-provider = De inlogdienst is niet bereikbaar. Probeer het later opnieuw.
sso-refused-flow = Het inloggen is verlopen of in een ander venster begonnen. Probeer het opnieuw vanaf de inlogpagina.
sso-refused-denied = De inlogdienst heeft het inloggen afgebroken of niet toegestaan.
sso-refused-token = De inlogdienst gaf geen geldige aanmelding terug. Probeer het opnieuw.
sso-refused-no-email = De inlogdienst gaf geen e-mailadres door (claim { $claim }).

## Afwezigheid: waarom niet

absence-refused-no-person = Kies voor wie de afwezigheid geldt.
absence-refused-not-your-team = U kunt geen afwezigheid vastleggen voor { $name }: alleen voor uzelf of uw eigen team.
absence-refused-missing-start = De begindatum ontbreekt.
absence-refused-missing-end = De einddatum ontbreekt.
absence-refused-not-a-date-start = De begindatum '{ $typed }' is geen datum: gebruik bijvoorbeeld 07-12-2026.
absence-refused-not-a-date-end = De einddatum '{ $typed }' is geen datum: gebruik bijvoorbeeld 07-12-2026.
absence-refused-end-before-start = De einddatum ligt vóór de begindatum: kies een einddatum op of na de begindatum.
absence-refused-too-long = Een afwezigheid duurt hoogstens twee jaar. Gaat iemand uit dienst? Laat de beheerder het account dan deactiveren.
absence-refused-in-the-past = De afwezigheid ligt helemaal in het verleden; leg alleen huidige of geplande afwezigheid vast.
absence-refused-note-too-long = De toelichting mag hoogstens { $max } tekens hebben.
absence-refused-already-over = De afwezigheid van { $name } is al voorbij.
