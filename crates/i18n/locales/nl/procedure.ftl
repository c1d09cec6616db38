# Hoe werkt het? (/hoe-werkt-het): de procedure als diagram, ieders rol,
# de termijnen, de uitleg per stap en de rondleiding van de startpagina.

## De pagina

procedure-title = Hoe werkt het? — { $organisation }
procedure-heading = Hoe werkt het?
procedure-intro-html = Zo handelen wij een klacht af volgens het <a href="/reglement">klachtenreglement</a>. De termijnen tellen vanaf de dag van ontvangst; werkdagen zonder feestdagen en sluitingsdagen.
procedure-diagram-heading = De procedure
procedure-terms-heading = Termijnen voor een klacht die vandaag binnenkomt
procedure-col-step = Stap
procedure-col-term = Termijn
procedure-col-due = Uiterlijk
procedure-roles-heading = Wie doet wat
procedure-your-role = (uw rol)

## De zin met de termijnen van vandaag

procedure-example = Ontvangen vandaag, { $today }: { $terms }.
procedure-example-today = { $step } vandaag
procedure-example-due = { $step } uiterlijk { $date }
procedure-example-step-report = melden
procedure-example-step-contact = contact
procedure-example-step-offer = besluit en aanbod
procedure-example-step-record = vastleggen

## De termijnen als regel

procedure-rule-report = dezelfde dag
procedure-rule-contact = binnen 2 werkdagen
procedure-rule-offer = binnen 2 weken
procedure-rule-record = binnen 3 weken

## De delen van de procedure

procedure-section-report = Stap 1: melden
procedure-section-contact = Stap 2: contact
procedure-section-offer = Stap 3: besluit en aanbod
procedure-section-record = Stap 4: vastleggen
procedure-section-escalation = Niet tevreden: escalatie
procedure-section-closing = Afsluiten

## Ieders rol

procedure-role-employee = Medewerker
procedure-role-employee-part = Neemt klachten aan, schriftelijk of mondeling, en legt ze dezelfde dag vast met Nieuwe melding; daarmee is de klacht gemeld bij de direct leidinggevende. Voert afgesproken acties uit die op zijn of haar naam staan.
procedure-role-manager = Leidinggevende en afhandelaar
procedure-role-manager-part = De leidinggevende is verantwoordelijk voor de klacht en wijst een afhandelaar aan: zichzelf of een collega, nooit de medewerker over wie de klacht gaat. De afhandelaar neemt contact op met de klager (stap 2), beoordeelt de klacht en doet het aanbod (stap 3) en legt alles vast op het klachtenformulier (stap 4).
procedure-role-director = Directeur
procedure-role-director-part = Is eindverantwoordelijk voor een goede afhandeling van iedere klacht. Geeft advies als een afhandelaar daarom vraagt en kan een externe partij inschakelen.
procedure-role-quality-manager = Kwaliteitsmanager
procedure-role-quality-manager-part = Kan de leidinggevende bijstaan. Ontvangt het klachtenformulier, sluit de klacht af en bewaart haar in het klachtendossier; ziet structurele patronen en zet verbeteracties uit.
procedure-role-admin = Beheerder
procedure-role-admin-part = Handelt geen klachten af, maar beheert gebruikers, teams, lijsten en de kalender die de termijnen bepaalt.

## Het diagram

diagram-title = De klachtenprocedure in { $count } delen
diagram-block = { $title }: { $lines }.
diagram-term = Termijn: { $rule }
diagram-due = Uiterlijk { $date }
diagram-escalation-when = Als de klager niet tevreden is
diagram-closing-when = Na stap 4, als alles is afgerond
diagram-who = Wie: { $who }
diagram-who-report = wie de klacht ontvangt (iedere medewerker), bij de leidinggevende
diagram-who-contact = de afhandelaar
diagram-who-offer = de afhandelaar, zo nodig met advies van de directeur
diagram-who-record = de afhandelaar, naar de kwaliteitsmanager
diagram-who-escalation = afhandelaar, kwaliteitsmanager of directeur
diagram-who-closing = de kwaliteitsmanager

## De uitleg per stap (ook op de pagina van een klacht)

help-heading = Wat het reglement per stap vraagt
help-now = nu aan de beurt
help-read-more = Lees dit in het klachtenreglement

## De rondleiding

tour-title = Rondleiding: uw startpagina
tour-more-html = Hoe de hele procedure loopt, en wat het reglement per stap vraagt, leest u onder <a href="/hoe-werkt-het">Hoe werkt het?</a>
tour-hide = Begrepen, verberg de rondleiding
tour-show = Toon de rondleiding op mijn startpagina
tour-hidden = De rondleiding is verborgen. U vindt haar terug onder Hoe werkt het?
tour-employee-1 = Onder Wacht op mij staat wat op u wacht, het dringendste bovenaan: eerst wat te laat is, dan wat vandaag moet.
tour-employee-2 = Neemt u een klacht aan? Leg haar dezelfde dag vast met Nieuwe melding. Uw leidinggevende krijgt daarvan bericht en wordt verantwoordelijk.
tour-employee-3 = Een klacht die u vastlegde, staat hier tot ze is afgesloten; een afgesproken actie op uw naam tot u haar afrondt.
tour-employee-4 = Bij iedere stap op de pagina van een klacht staat wat het klachtenreglement vraagt en waarom.
tour-manager-1 = Onder Wacht op mij staat wat op u wacht, het dringendste bovenaan: eerst wat te laat is, dan wat vandaag moet.
tour-manager-2 = Een nieuwe klacht over uw team staat hier tot u een afhandelaar aanwijst: uzelf of een collega, nooit de medewerker over wie de klacht gaat.
tour-manager-3 = Als afhandelaar ziet u per klacht de volgende stap en de termijn: op tijd, vandaag of te laat. Een verstreken termijn in uw team ziet u ook.
tour-manager-4 = Bent u afwezig? Leg het vast onder Afwezigheid; herinneringen gaan dan naar een vervanger.
tour-manager-5 = Bij iedere stap op de pagina van een klacht staat wat het klachtenreglement vraagt en waarom.
tour-quality-manager-1 = Onder Wacht op mij staan de klachtenformulieren die naar u zijn gestuurd: controleer ze en sluit de klacht af, dan gaat ze verzegeld in het klachtendossier.
tour-quality-manager-2 = Ook e-mail die niet verzonden kon worden (Berichten) en structurele patronen in de klachten (Verbetering) wachten hier op u.
tour-quality-manager-3 = Overzicht, Dashboard en Dossier tonen alle klachten, hun termijnen en de cijfers.
tour-quality-manager-4 = U kunt een afhandelaar bijstaan; bij iedere stap op de pagina van een klacht staat wat het klachtenreglement vraagt.
tour-director-1 = Onder Wacht op mij staan de vragen waarbij een afhandelaar uw advies vraagt, met de termijn van het aanbod dat erop wacht.
tour-director-2 = Uw advies geeft u op de pagina van de klacht; de vrager en de afhandelaar krijgen het per e-mail.
tour-director-3 = Externe escalaties die lopen, staan hier ook tot hun uitkomst is vastgelegd.
tour-director-4 = Overzicht, Dashboard en Jaarverslag tonen hoe alle klachten worden afgehandeld.
tour-admin-1 = U beheert het systeem en handelt geen klachten af; er wacht op deze pagina niets op u.
tour-admin-2 = Onder Beheer staan de gebruikers en teams, de lijsten met categorieën en oorzaken, en de diensten van het openbare klachtformulier.
tour-admin-3 = De kalender (Beheer) bepaalt de termijnen: sluitingsdagen tellen niet als werkdag.
tour-admin-4 = Iedere wijziging die u doet, staat in het Logboek.
