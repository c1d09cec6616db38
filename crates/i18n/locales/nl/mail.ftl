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
