# De documenten voor de klager: de brief die het aanbod (of, zonder
# aanbod, het besluit) bevestigt. Nederlands is de referentie; elke sleutel
# staat ook in elke andere taal, met dezelfde { $plaatshouders }.

## De vaste woorden van de brief (aanbod.typ)

doc-letter-department = Klachtenbehandeling
doc-letter-footer = { $organisation } · Klachtenbehandeling · kenmerk { $reference }
# Typst vult het paginanummer en het aantal pagina's pas bij het zetten in.
doc-letter-page = Pagina { $page } van { $pages }
doc-letter-date = Datum
doc-letter-our-reference = Ons kenmerk
doc-letter-your-reference = Uw kenmerk
doc-letter-subject = Betreft
doc-letter-our-offer = Ons aanbod
doc-letter-actions-intro = Daarnaast hebben wij het volgende met u afgesproken:
doc-letter-sign-off = Met vriendelijke groet,

## De zinnen van de brief (letter.rs)

doc-letter-your-complaint-of = Uw klacht van { $date }
doc-letter-subject-offer = Bevestiging van ons aanbod
doc-letter-subject-decision = Bevestiging van ons besluit
doc-letter-salutation = Geachte heer, mevrouw,
doc-letter-signer-title = Afhandelaar van uw klacht
# $complaint is een van de vier zinsdelen hieronder.
doc-letter-received = Op { $date } ontving { $organisation } { $complaint }.
doc-letter-your-complaint = uw klacht
doc-letter-your-complaint-about = uw klacht over { $service }
doc-letter-complaint-on-behalf = de klacht die u namens { $complainant } indiende
doc-letter-complaint-about-on-behalf = de klacht over { $service } die u namens { $complainant } indiende
doc-letter-contact-telephone = Op { $date } hebben wij de klacht telefonisch met u besproken.
doc-letter-contact-face-to-face = Op { $date } hebben wij de klacht in een persoonlijk gesprek met u besproken.
doc-letter-offer-made = Op { $date } hebben wij u een aanbod gedaan. Met deze brief bevestigen wij dat aanbod:
doc-letter-decision-made = Op { $date } hebben wij u ons besluit meegedeeld: wij doen u geen aanbod van genoegdoening of een vervangende of extra dienst. Met deze brief bevestigen wij dat besluit.
doc-letter-offer-kind = Soort
doc-letter-offer-description = Omschrijving
doc-letter-offer-value = Waarde
doc-letter-offer-made-on = Aanbod gedaan op
doc-letter-director-offer = Over dit aanbod hebben wij overlegd met onze directeur.
doc-letter-director-decision = Over dit besluit hebben wij overlegd met onze directeur.
doc-letter-accepted = U heeft ons laten weten dat u het aanbod aanvaardt. Wij zorgen ervoor dat wat wij hebben afgesproken ook wordt uitgevoerd.
doc-letter-declined = U heeft ons laten weten dat u het aanbod niet aanvaardt. Wij nemen contact met u op om te bespreken hoe wij verder gaan.
doc-letter-awaiting-answer = Wij horen graag of u het aanbod aanvaardt.
doc-letter-action-due = { $action } (uiterlijk { $date })
doc-letter-objection-offer = Bent u niet tevreden over de afhandeling van uw klacht, laat het ons dan weten. Komen wij er samen niet uit, dan kunnen wij een externe partij inschakelen, zoals een mediator of een klachtencommissie.
doc-letter-objection-decision = Bent u het niet eens met dit besluit, laat het ons dan weten. Komen wij er samen niet uit, dan kunnen wij een externe partij inschakelen, zoals een mediator of een klachtencommissie.
doc-letter-reply-reference = Wilt u op deze brief reageren, vermeld dan ons kenmerk { $reference }.

## Wat de brief over het soort aanbod zegt (OfferKind, op zijn code)


## Het concept van de tekst over het oordeel: wat de afhandelaar op het
## aanbodformulier voorgevuld krijgt en wat de brief zegt als het aanbod
## geen eigen tekst heeft

doc-draft-founded = Wij hebben uw klacht zorgvuldig bekeken en vinden haar gegrond. Het spijt ons dat wij niet hebben gedaan wat u van ons mocht verwachten.
doc-draft-partly-founded = Wij hebben uw klacht zorgvuldig bekeken en vinden haar deels gegrond. Op een deel van de punten geven wij u gelijk; het spijt ons dat het daar niet is gegaan zoals u mocht verwachten.
doc-draft-unfounded = Wij hebben uw klacht zorgvuldig bekeken en vinden haar ongegrond. Wij begrijpen dat dit niet de uitkomst is waarop u hoopte, en wij danken u dat u ons op de hoogte heeft gebracht.
doc-draft-none = Wij hebben uw klacht zorgvuldig bekeken.
