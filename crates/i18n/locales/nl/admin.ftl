# Beheer, agenda, afwezigheid, berichten, binnengekomen e-mail, uitleg over
# de procedure, de startpagina's en de foutpagina's.

## Beheer

admin-title = Beheer
admin-title-of = Beheer — { $organisation }
admin-page-title = { $page } — Beheer
admin-forbidden = Beheer is alleen voor de beheerder.
admin-section-users = Gebruikers en teams
admin-section-categories = Categorieën
admin-section-causes = Oorzaken
admin-section-calendar = Kalender
admin-section-services = Diensten klachtformulier
admin-section-log = Logboek
admin-index-users-html = <a href="/beheer/gebruikers">Gebruikers en teams</a>: accounts aanmaken, rol en leidinggevende wijzigen, deactiveren.
admin-index-lists-html = <a href="/beheer/lijst/categorieen">Categorieën</a> en <a href="/beheer/lijst/oorzaken">oorzaken</a>: de keuzelijsten voor klachten.
admin-index-calendar-html = <a href="/beheer/kalender">Kalender</a>: feestdagen, opties en sluitingsdagen waarmee termijnen worden berekend.
admin-index-services-html = <a href="/beheer/diensten">Diensten klachtformulier</a>: de diensten op het openbare klachtformulier en naar welke leidinggevende een klacht erover gaat.
admin-index-log-html = <a href="/beheer/logboek">Logboek</a>: elke wijziging in beheer, met wie en wanneer.
admin-index-no-content = Als beheerder ziet u geen inhoud van klachten.
admin-add = Toevoegen
admin-save = Opslaan
admin-rename = Hernoemen
admin-remove = Verwijderen
admin-name = Naam
admin-status = Status
admin-new-name-for = Nieuwe naam voor { $name }
admin-none = geen
admin-inactive-suffix = { $name } (inactief)
admin-name-role = { $name } ({ $role })

## Beheer > Gebruikers

admin-users-title = Gebruikers
admin-users-heading = Gebruikers en teams
admin-users-new = Nieuwe gebruiker
admin-users-email = E-mailadres
admin-users-name = Naam
admin-users-role = Rol
admin-users-manager = Direct leidinggevende
admin-users-manager-short = Leidinggevende
admin-users-password = Eerste wachtwoord (minstens 10 tekens)
admin-users-create = Aanmaken
admin-users-all = Alle gebruikers
admin-users-active = actief
admin-users-inactive = inactief
admin-users-edit = wijzigen
admin-users-teams = Teams
admin-users-teams-intro = Een team is een leidinggevende met de mensen van wie hij of zij de direct leidinggevende is.
admin-users-no-members = Geen medewerkers.
admin-users-without-manager = Medewerkers zonder leidinggevende
admin-users-created = Gebruiker { $name } ({ $email }) aangemaakt.
admin-users-updated = Gebruiker bijgewerkt.
admin-users-choose-active = Kies activeren of deactiveren.
admin-users-reactivated = Gebruiker weer actief gemaakt.
admin-users-deactivated = Gebruiker gedeactiveerd; deze kan niet meer inloggen.
admin-users-unlocked = Inlogblokkade opgeheven; de gebruiker kan weer inloggen.
admin-users-not-locked = Er was geen inlogblokkade.
admin-user-inactive = inactief: kan niet inloggen
admin-user-role-manager = Rol en leidinggevende
admin-user-own-role = Uw eigen rol kan alleen een andere beheerder wijzigen.
admin-user-team = Team
admin-user-access = Toegang
admin-user-locked = Inloggen is geblokkeerd tot { $until } na te veel verkeerde wachtwoorden.
admin-user-unlock = Blokkade opheffen
admin-user-not-self = U kunt uzelf niet deactiveren.
admin-user-deactivate-intro = Een gedeactiveerde gebruiker kan niet meer inloggen en wordt overal uitgelogd. Zijn of haar naam blijft bij klachten staan.
admin-user-deactivate = Deactiveren
admin-user-reactivate = Weer activeren
admin-user-back = « Alle gebruikers

## Beheer > Categorieën en oorzaken

admin-list-intro = Elke klacht krijgt een categorie en een oorzaak uit deze lijsten. Een vervallen waarde is niet meer te kiezen voor nieuwe klachten; bestaande klachten houden de naam die ze kregen, ook na hernoemen.
admin-list-in-use = in gebruik
admin-list-lapsed = vervallen
admin-list-lapse = Laten vervallen
admin-list-use-again = Weer gebruiken
admin-list-new-category = Nieuwe categorie
admin-list-new-cause = Nieuwe oorzaak
admin-list-renamed = Naam gewijzigd.
admin-list-choose-active = Kies activeren of laten vervallen.
admin-list-activated = Weer in gebruik genomen.
admin-list-deactivated = Laten vervallen: niet meer te kiezen voor nieuwe klachten.

## Beheer > Kalender

admin-calendar-intro = Termijnen tellen in werkdagen: maandag tot en met vrijdag, behalve de feestdagen en sluitingsdagen hieronder (tijdzone { $zone }). Wijzigingen gelden meteen voor nieuwe klachten en voor elke volgende stap van lopende klachten.
admin-calendar-options = Opties
admin-calendar-good-friday = Goede Vrijdag is een vrije dag
admin-calendar-liberation-day = Bevrijdingsdag (5 mei) elk jaar vrij, niet alleen in lustrumjaren
admin-calendar-save-options = Opties opslaan
admin-calendar-closing-days = Sluitingsdagen
admin-calendar-no-closing-days = Geen eigen sluitingsdagen.
admin-calendar-from-config = (uit de configuratie; daar te wijzigen)
admin-calendar-add-closing-day = Sluitingsdag toevoegen
admin-calendar-days-off = Vrije dagen { $year }
admin-calendar-date = Datum
admin-calendar-weekend = (valt in het weekend)
admin-calendar-saved = Kalenderopties opgeslagen. Nieuwe termijnen volgen de kalender meteen.

## Beheer > Diensten

admin-services-title = Diensten op het klachtformulier
admin-services-intro-html = Op het openbare klachtformulier (<a href="/klacht">/klacht</a>) kiest de klager "Over welke dienst of afdeling gaat uw klacht?". Een klacht over een dienst gaat meteen naar de leidinggevende van die dienst. Zonder leidinggevende, of als de klager "weet ik niet" kiest, verdeelt de kwaliteitsmanager de klacht (Overzicht, status "wacht op afhandelaar").
admin-services-service = Dienst
admin-services-goes-to = Klachten gaan naar
admin-services-manager-for = Leidinggevende voor { $name }
admin-services-on-form = op het formulier
admin-services-off-form = van het formulier gehaald
admin-services-take-off = Van formulier halen
admin-services-offer-again = Weer aanbieden
admin-services-none = Er staan nog geen diensten op het formulier: elke klacht via de website gaat dan naar de kwaliteitsmanager.
admin-services-add = Dienst toevoegen
admin-services-name = Naam van de dienst of afdeling
admin-services-added = Dienst '{ $name }' toegevoegd.
admin-services-manager-changed = Leidinggevende gewijzigd. Nieuwe klachten over deze dienst gaan naar hem of haar.
admin-services-choose-active = Kies weer aanbieden of van het formulier halen.
admin-services-offered = De dienst staat weer op het klachtformulier.
admin-services-withdrawn = De dienst staat niet meer op het klachtformulier.
admin-services-choose-manager = Kies een leidinggevende uit de lijst.

## Beheer > Logboek

admin-log-intro = Elke wijziging in beheer: wie, wanneer en wat. Het logboek kan niet worden aangepast.
admin-log-newest = « Nieuwste
admin-log-empty = Nog geen wijzigingen.
admin-log-at = Tijdstip
admin-log-by = Door
admin-log-change = Wijziging
admin-log-subject = Onderwerp
admin-log-details = Details
admin-log-older = Oudere wijzigingen »
admin-log-kind-user-created = gebruiker aangemaakt
admin-log-kind-user-updated = gebruiker gewijzigd
admin-log-kind-user-deactivated = gebruiker gedeactiveerd
admin-log-kind-user-reactivated = gebruiker geactiveerd
admin-log-kind-category-added = categorie toegevoegd
admin-log-kind-category-renamed = categorie hernoemd
admin-log-kind-category-deactivated = categorie vervallen
admin-log-kind-category-activated = categorie in gebruik
admin-log-kind-cause-added = oorzaak toegevoegd
admin-log-kind-cause-renamed = oorzaak hernoemd
admin-log-kind-cause-deactivated = oorzaak vervallen
admin-log-kind-cause-activated = oorzaak in gebruik
admin-log-kind-calendar-options = kalenderopties
admin-log-kind-calendar-closing-day-added = sluitingsdag toegevoegd
admin-log-kind-calendar-closing-day-removed = sluitingsdag verwijderd
admin-log-kind-calendar-feed-created = agenda-abonnement aangemaakt
admin-log-kind-calendar-feed-reset = agenda-adres vernieuwd
admin-log-kind-calendar-feed-removed = agenda-abonnement opgeheven
admin-log-kind-outbox-requeued = bericht opnieuw aangeboden
admin-log-kind-outbox-requeued-all = alle mislukte berichten opnieuw aangeboden
admin-log-kind-view-saved = weergave opgeslagen
admin-log-kind-view-deleted = weergave verwijderd

## Beheer: meldingen en namen

admin-services-nobody = niemand: de kwaliteitsmanager verdeelt
admin-list-added = '{ $name }' toegevoegd.
admin-calendar-day-added = Sluitingsdag { $date } toegevoegd.
admin-calendar-day-removed = Sluitingsdag { $date } verwijderd.
# De feestdagen; de sleutel is de Nederlandse naam.
admin-holiday-nieuwjaarsdag = Nieuwjaarsdag
admin-holiday-goede-vrijdag = Goede Vrijdag
admin-holiday-tweede-paasdag = Tweede Paasdag
admin-holiday-koningsdag = Koningsdag
admin-holiday-bevrijdingsdag = Bevrijdingsdag
admin-holiday-hemelvaartsdag = Hemelvaartsdag
admin-holiday-tweede-pinksterdag = Tweede Pinksterdag
admin-holiday-eerste-kerstdag = Eerste Kerstdag
admin-holiday-tweede-kerstdag = Tweede Kerstdag
admin-holiday-sluitingsdag = Sluitingsdag

## De startpagina's

start-title = Klachtenregistratie { $organisation }
start-intro = Elke uiting van onvrede die niet met een enkele toelichting of directe correctie is opgelost, is een klacht. Iedere medewerker kan een klacht aannemen en registreren; de leidinggevende zorgt voor de afhandeling binnen de termijnen van het klachtenreglement.
start-staff-sign-in-html = Medewerkers: <a href="/inloggen">inloggen</a> voor wat op u wacht.
start-for-complainants = Voor klagers
start-complainant-links-html = <a href="/klacht">Een klacht indienen</a> · <a href="/status">De status van een klacht volgen</a> · <a href="/reglement">Het klachtenreglement</a>
start-terms-today = Termijnen voor een klacht die vandaag ({ $today }) binnenkomt
start-step = Stap
start-term = Termijn
start-due = Uiterlijk
start-terms-note = Werkdagen zijn maandag tot en met vrijdag, behalve feestdagen en sluitingsdagen. Een termijn in weken die op een vrije dag eindigt, schuift op naar de eerstvolgende werkdag.
start-queue-page-title = Wacht op mij — { $organisation }
start-admin-html = U beheert het systeem en handelt geen klachten af; er wacht hier niets op u. Gebruikers, teams, lijsten en de kalender staan onder <a href="/beheer">Beheer</a>.
start-queue-empty = Er wacht niets op u.
start-queue-empty-mine-html = <a href="/klachten">Mijn klachten</a> toont alle klachten waarbij u betrokken bent.
start-queue-count = { $total ->
    [one] 1 punt
   *[other] { $total } punten
}
start-queue-count-overdue = { $total ->
    [one] 1 punt
   *[other] { $total } punten
}, waarvan { $overdue } te laat
start-what = Wat
start-complaint = Klacht
start-queue-more = Hier staan de { $shown } dringendste van { $total } punten.
start-queue-show-all = Toon alle { $total } punten

## Wat wacht: de regels van de werklijst

start-reason-next-term = Volgende stap: { $step }
start-reason-awaiting-handler = Afhandelaar toewijzen
start-reason-team-overdue = Termijn verstreken in uw team: { $step }
start-reason-action = Actie { $number }: { $description }
start-reason-registered = Door u geregistreerd, nog niet afgesloten
start-reason-form-to-close = Klachtenformulier ontvangen: afsluiten
start-reason-failed-message = Bericht niet verzonden: { $subject }
start-reason-failed-message-to = Bericht niet verzonden: { $subject } (aan { $to })
start-reason-pattern = Structureel patroon: { $label } ({ $complaints ->
    [one] 1 klacht
   *[other] { $complaints } klachten
})
start-reason-escalation = Externe escalatie loopt
start-reason-complainant-mail = E-mail van de klager: { $subject }
start-reason-incoming-mail = Binnengekomen e-mail: { $subject }
start-reason-incoming-mail-from = Binnengekomen e-mail van { $from }: { $subject }
start-reason-consultation = Uw advies gevraagd (vraag { $number }): { $question }
start-reason-consultation-by = Uw advies gevraagd door { $by } (vraag { $number }): { $question }
start-mailbox-line = Binnengekomen e-mail: { $count ->
    [one] 1 bericht
   *[other] { $count } berichten
} te verwerken

## Binnengekomen e-mail

mailbox-title = Binnengekomen e-mail
mailbox-empty = Er wacht geen e-mail op verwerking.
mailbox-attachments = { $count ->
    [one] 1 bijlage
   *[other] { $count } bijlagen
}
mailbox-note = Let op:

## Foutpagina's

error-title-forbidden = Geen toegang
error-title-not-found = Niet gevonden
error-title-not-possible = Niet mogelijk
error-title-timeout = Dat duurde te lang
error-title-too-large = Te groot
error-title-invalid = Controleer de invoer
error-title-failed = Er ging iets mis
error-not-found = Deze pagina bestaat niet (meer). Controleer het adres.
error-not-found-short = Niet gevonden.
error-method = Deze pagina kan zo niet worden geopend. Gebruik de knoppen en links op de pagina's in plaats van een adres te typen of een formulier opnieuw te versturen.
error-timeout = Het verzoek duurde te lang. Probeer het nog eens.
error-too-large = Wat u verstuurde is te groot. Maak bijlagen kleiner of stuur minder tegelijk.
error-form-malformed = Het formulier is niet goed ingevuld: { $detail }
error-server = Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met de beheerder.
error-other = Dit verzoek kan niet worden verwerkt. Ga terug en probeer het opnieuw.
error-back-start = Terug naar uw startpagina
error-links-html = <a href="/">Naar de startpagina</a> · <a href="/klacht">Een klacht indienen</a> · <a href="/status">De status van uw klacht volgen</a>
