# Het dashboard (/dashboard), het jaarverslag (HTML en PDF) en de exports
# van het overzicht. Nederlands is de referentie; elke sleutel staat ook in
# elke andere taal, met dezelfde { $plaatshouders }.
#
# In de zinnen van het jaarverslag (report-pdf-*) zet *zo* een woord vet en
# _zo_ schuin; de waarden in de plaatshouders blijven tekst.

## Woorden die de cijfers zelf gebruiken (view.rs, charts.rs)

report-period-months = { $from } t/m { $to }
report-not-filled-in = (niet ingevuld)
report-total-received = ontvangen (klachten en signalen)
report-total-complaints = klachten
report-total-signals = signalen (direct opgelost)
report-total-converted = klachten die eerst als signaal binnenkwamen (bij de klachten geteld)
report-total-closed = klachten afgesloten
report-total-open = klachten nog open
report-count-reports =
    { $count ->
        [one] { $count } melding
       *[other] { $count } meldingen
    }
report-count-complaints =
    { $count ->
        [one] { $count } klacht
       *[other] { $count } klachten
    }
report-count-signals =
    { $count ->
        [one] { $count } signaal
       *[other] { $count } signalen
    }
report-part-on-time = op tijd
report-part-late = te laat gedaan
report-part-overdue = te laat, nog open
report-part-waived = overgeslagen
report-series-complaints = klachten
report-series-signals = signalen
report-series-complainants = klagers
report-score = score { $score }
report-chart-months = Klachten en signalen per maand, { $period }
report-chart-categories = Klachten en signalen per categorie, { $period }
report-chart-compliance = Termijnen per stap: op tijd, te laat gedaan, te laat en nog open, overgeslagen
report-chart-compliance-step = { $step }: { $on_time } op tijd, { $late } te laat gedaan, { $overdue } te laat en nog open, { $waived } overgeslagen
report-chart-merit = Oordeel over de klachten
report-chart-satisfaction = Tevredenheid van klagers na afhandeling (1 = zeer ontevreden, 5 = zeer tevreden)

## Structurele patronen en verbeteracties in het jaarverslag (yearly.rs)

report-dimension-category = categorie
report-dimension-service = dienst
report-dimension-team = team
report-dimension-other = patroon
report-window = { $from } t/m { $to }
report-outcome-acted = verbeteractie geopend
report-outcome-dismissed = geen verbeteractie: { $reason }
report-action-open = open
report-action-in-progress = in uitvoering
report-action-done = afgerond

## Het dashboard (dashboard.html)

report-forbidden = Rapportages zijn er voor de kwaliteitsmanager en de directeur.
report-too-many = De selectie bevat meer dan { $limit } klachten; dat is te veel voor één export. Kies een kortere periode of meer filters.
report-bad-period = de periode { $period } ligt buiten het bereik van de kalender
report-bad-year = '{ $value }' is geen jaar tussen 2000 en { $last }.
report-last-twelve-months = laatste 12 maanden
report-dashboard-heading = Dashboard klachten
report-showing-current-year = U ziet het huidige jaar.
report-period-and-reports = Periode en rapportages
report-period = Periode
report-show = Tonen
report-yearly-link = Jaarverslag { $year }:
report-view = bekijken
report-overview-export = Overzicht met export (CSV, Excel)

## De cijfers van dashboard en jaarverslag (figures.html)

report-key-figures = Kerncijfers
report-shares-note = Klachten { $complaints }, signalen { $signals } van alle meldingen. Overschrijdingen gemeten op { $date }.
report-per-month = Per maand
report-chart-label-months = Grafiek: per maand
report-table-label = Tabel: { $caption }
report-months-caption = Klachten en signalen per maand
report-month = Maand
report-complaints = Klachten
report-signals = Signalen
report-total = Totaal
report-per-category = Per categorie
report-chart-label-categories = Grafiek: per categorie
report-categories-caption = Klachten en signalen per categorie
report-category = Categorie
report-founded = (Deels) gegrond
report-category-months-caption = Verloop per categorie per maand (klachten en signalen)
report-causes-caption = Oorzaken (klachten)
report-cause = Oorzaak
report-services-caption = Diensten (klachten)
report-service = Dienst
report-terms-heading = Termijnen per stap
report-chart-label-terms = Grafiek: termijnen per stap
report-terms-label = Termijnen gehaald per stap
report-terms-caption = Termijnen gehaald per stap; dagen te laat in kalenderdagen na de termijndatum
report-step = Stap
report-on-time = Op tijd
report-late-done = Te laat gedaan
report-late-open = Te laat, nog open
report-waived = Overgeslagen
report-pending = Loopt nog
report-share-on-time = % op tijd
report-mean-days-late = Gem. dagen te laat
report-median = Mediaan
report-p90 = P90
report-terms-note = Een stap die niet gedaan is terwijl de termijn verstreken is, telt als te laat (nog open); een stap waarvan de termijn nog loopt telt niet mee in het percentage.
report-lead-heading = Doorlooptijd tot afsluiten
report-lead-caption = Kalenderdagen van ontvangst tot afsluiten, afgesloten klachten
report-closed = Afgesloten
report-mean = Gemiddeld
report-percentile-90 = 90e percentiel
report-longest = Langste
report-merit-heading = Oordeel
report-chart-label-merit = Grafiek: oordeel
report-merit-caption = Oordeel over de klachten
report-merit = Oordeel
report-share = Aandeel
report-no-merit-yet = nog geen oordeel
report-satisfaction-heading = Tevredenheid na afhandeling
report-chart-label-satisfaction = Grafiek: tevredenheid na afhandeling
report-satisfaction-caption = Reactie van de klager op het aanbod (1 = zeer ontevreden, 5 = zeer tevreden)
report-scored = klagers met een score
report-mean-score = gemiddelde score
report-satisfied = (zeer) tevreden (4 of 5)
report-offer-accepted = aanbod aanvaard
report-offer-declined = aanbod niet aanvaard
report-checks = tevredenheidsmeting door klager zelf (website)
report-checks-mean = , gemiddeld { $mean }
report-escalations-heading = Externe escalaties
report-escalations-caption = Klachten voorgelegd aan een externe partij
report-escalated = klachten extern geëscaleerd
report-escalations = escalaties
report-resolved = opgelost
report-unresolved = niet opgelost
report-no-outcome = nog zonder uitkomst
report-via = via { $party }
report-reopened-heading = Heropende klachten
report-reopened-caption = Afgesloten klachten die opnieuw zijn behandeld
report-reopened = klachten heropend
report-reopened-share = aandeel van de klachten
report-reopenings = heropeningen

## Het jaarverslag als pagina (yearly.html)

report-yearly-title = Jaarverslag klachten { $year }
report-skip = Naar de inhoud
report-download-pdf = Download als PDF
report-print-hint = Afdrukken kan ook direct vanuit de browser.
report-yearly-subtitle = Klachten en signalen ontvangen in { $period } · opgesteld op { $date }
report-improvement-heading = Structurele patronen en verbeteracties
report-no-patterns = In { $year } is over geen structureel patroon besloten.
report-patterns-caption = Structurele patronen
report-pattern = Patroon
report-window-heading = Venster
report-decision = Besluit
report-no-actions = In { $year } zijn geen verbeteracties geopend.
report-actions-caption = Verbeteracties
report-number = Nummer
report-action = Verbeteractie
report-owner = Eigenaar
report-due = Uiterlijk
report-action-status = Stand
report-improvement-unavailable = Structurele patronen en verbeteracties zijn in deze installatie nog niet beschikbaar.
report-notes-heading = Toelichting
report-note-month = Een melding telt in de maand en het jaar waarin zij is ontvangen (Nederlandse tijd).
report-note-kinds = _Klachten_ zijn meldingen die volgens het klachtenreglement worden behandeld, inclusief signalen die later alsnog klacht werden; _signalen_ zijn direct opgelost.
report-note-term = Een termijn is gehaald als de stap uiterlijk op de termijndatum is gedaan. Dagen te laat zijn kalenderdagen na de termijndatum.
report-note-percentile = Het 90e percentiel is de kleinste waarde waarop of waaronder 90% van de waarden ligt.

## Het jaarverslag als PDF (jaarverslag.typ): de woorden van het sjabloon

report-pdf-generated = Opgesteld op { $date }
report-pdf-subtitle = Klachten en signalen ontvangen in { $period } · overschrijdingen gemeten op { $date }
report-pdf-summary = Samenvatting
report-pdf-key-figure = Kerncijfer
report-pdf-count = Aantal
report-pdf-months-heading = Klachten en signalen per maand
report-pdf-months-alt = Staafdiagram van klachten en signalen per maand
report-pdf-categories-heading = Per categorie
report-pdf-categories-alt = Staafdiagram van klachten en signalen per categorie
report-pdf-category-months = Verloop per categorie per maand (klachten en signalen samen)
report-pdf-terms-heading = Termijnen
report-pdf-terms-alt = Gestapelde balken per stap: op tijd, te laat gedaan, te laat nog open, overgeslagen
report-pdf-late-open = Te laat, open
report-pdf-waived = Over-geslagen
report-pdf-p90-days-late = P90 dagen te laat
report-pdf-lead-heading = Doorlooptijd
report-pdf-closed-complaints = Afgesloten klachten
report-pdf-merit-alt = Verdeling gegrond, deels gegrond, ongegrond
report-pdf-satisfaction-alt = Staafdiagram van tevredenheidsscores
report-pdf-score = Score
report-pdf-complainants = Aantal klagers
report-pdf-party = Externe partij
report-pdf-reopening-reason = Reden van heropening
report-pdf-complaint = Klacht
report-pdf-reopened-for = Heropend wegens

## Het jaarverslag als PDF: de zinnen

report-pdf-received = In { $year } ontving { $organisation } *{ $received }*: *{ $complaints }* ({ $complaints-share }) en *{ $signals }* ({ $signals-share }) die direct { $signal-count ->
        [one] werd
       *[other] werden
    } opgelost.
report-pdf-converted =
    { $count ->
        [one] Bij die klachten is er 1 die eerst als signaal werd geregistreerd en later alsnog als klacht werd behandeld.
       *[other] Bij die klachten zijn er { $count } die eerst als signaal werden geregistreerd en later alsnog als klacht werden behandeld.
    }
report-pdf-closed =
    { $closed ->
        [one] Van de klachten is er 1 afgesloten en { $open } nog in behandeling.
       *[other] Van de klachten zijn er { $closed } afgesloten en { $open } nog in behandeling.
    }
report-pdf-lead-time = De doorlooptijd tot afsluiten was gemiddeld { $mean } dagen (mediaan { $median }, 90e percentiel { $p90 } dagen).
report-pdf-satisfaction = Klagers gaven na afhandeling gemiddeld een { $mean } op een schaal van 1 tot 5; { $share } was (zeer) tevreden.
report-pdf-terms-intro = Per stap van het klachtenreglement: hoeveel klachten de termijn haalden. Een stap die nog niet gedaan is terwijl de termijn verstreken is, telt als _te laat, nog open_; een stap waarvan de termijn nog loopt telt niet mee. Dagen te laat zijn kalenderdagen na de termijndatum.
report-pdf-lead-intro = Van ontvangst tot afsluiten door de kwaliteitsmanager, in kalenderdagen, voor de { $count } afgesloten klachten.
report-pdf-satisfaction-intro = Tevredenheid op een schaal van 1 tot 5: het eigen antwoord van de klager op de tevredenheidsmeting (website) als die er is, anders de score die de afhandelaar bij de reactie op het aanbod vastlegde.
report-pdf-scored =
    { $scored ->
        [one] 1 klager gaf
       *[other] { $scored } klagers gaven
    } een score; gemiddeld { $mean }, (zeer) tevreden (4 of 5): { $satisfied } ({ $share }). Aanbod aanvaard: { $accepted }, niet aanvaard: { $declined }.
report-pdf-checks =
    Via de tevredenheidsmeting op de website { $checks ->
        [one] antwoordde 1 klager
       *[other] antwoordden { $checks } klagers
    } zelf, gemiddeld { $mean }.
report-pdf-escalations = { $complaints } klachten werden extern voorgelegd ({ $escalations } keer): { $resolved } opgelost, { $unresolved } niet opgelost, { $pending } nog zonder uitkomst.
report-pdf-none-reopened = Geen afgesloten klacht werd heropend.
report-pdf-reopened =
    { $complaints ->
        [one] { $complaints } klacht werd
       *[other] { $complaints } klachten werden
    } na afsluiting heropend ({ $share } van de klachten, { $reopenings } keer); de eerste afhandeling bleef telkens verzegeld in het klachtendossier.
report-pdf-improvement-unavailable = _Structurele patronen en verbeteracties zijn in deze installatie nog niet beschikbaar._
report-pdf-note-term = Een termijn is gehaald als de stap uiterlijk op de termijndatum is gedaan (de ingevulde datum van het gesprek en van het aanbod; voor vastleggen de dag waarop het formulier naar de kwaliteitsmanager ging).

## De exports van het overzicht (export.rs)

report-export-sheet = Klachten
report-export-unknown = onbekend
report-export-closed = afgesloten
report-export-to-close = afsluiten
report-export-met-yes = ja
report-export-met-no = nee
report-export-met-waived = overgeslagen
report-export-met-pending = nog niet
report-export-number = Nummer
report-export-kind = Soort
report-export-received = Ontvangen
report-export-status = Status
report-export-category = Categorie
report-export-cause = Oorzaak
report-export-service = Dienst
report-export-handler = Afhandelaar
report-export-team = Team (leidinggevende)
report-export-merit = Oordeel
report-export-step-report = Melden
report-export-step-contact = Contact
report-export-step-offer = Aanbod
report-export-step-record = Vastleggen
report-export-due = { $step }: termijn
report-export-done = { $step }: gedaan op
report-export-met = { $step }: op tijd
report-export-closed-on = Afgesloten op
report-export-channel = Kanaal
report-export-complainant = Klager
report-export-offer-kind = Aanbod: soort
report-export-offer-value = Aanbod: waarde (EUR)
report-export-satisfaction = Tevredenheid (1-5)
report-export-stage = Stap
report-export-id = Id
report-export-filename = klachten
report-yearly-filename = jaarverslag-klachten
