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

## Het klachtenformulier (klachtenformulier.typ): de woorden van het sjabloon

doc-form-title = Klachtenformulier
doc-form-form-version = Klachtenformulier v02
doc-form-version = versie v02 · conform het klachtenreglement
doc-form-reference = Klachtnummer
doc-form-yes = ja
doc-form-no = nee
doc-form-section-1 = 1. Ontvangst en melding (stap 1)
doc-form-section-2 = 2. Klager (belanghebbende)
doc-form-section-3 = 3. Namens (vertegenwoordiger)
doc-form-section-4 = 4. De klacht
doc-form-section-5 = 5. Afhandeling
doc-form-section-6 = 6. Contact met de klager (stap 2)
doc-form-section-7 = 7. Oordeel en aanbod (stap 3)
doc-form-section-8 = 8. Reactie en tevredenheid van de klager
doc-form-section-9 = 9. Acties en afspraken (stap 4)
doc-form-section-10 = 10. Externe escalatie
doc-form-section-11 = 11. Termijnen
doc-form-section-12 = 12. Afsluiting door de kwaliteitsmanager
doc-form-kind = Soort
doc-form-converted-from = Omgezet uit signaal:
doc-form-received-at = Ontvangen op
doc-form-received-by = Ontvangen door
doc-form-received-via = Ontvangen via
doc-form-reported-to = Gemeld bij leidinggevende
doc-form-on = op
doc-form-name = Naam
doc-form-email = E-mailadres
doc-form-phone = Telefoonnummer
doc-form-address = Adres
doc-form-representative = Vertegenwoordiger
doc-form-not-applicable = niet van toepassing
doc-form-service = Dienst
doc-form-involved = Betrokken medewerkers
doc-form-description = Omschrijving
doc-form-category = Categorie
doc-form-cause = Oorzaak
doc-form-handler = Afhandelaar
doc-form-assistants = Bijstand
doc-form-date = Datum
doc-form-mode = Vorm
doc-form-summary = Samenvatting
doc-form-recorded-by = Vastgelegd door
doc-form-merit = Oordeel
doc-form-reasoning = Onderbouwing
doc-form-no-advice = nog geen advies
doc-form-offer = Aanbod
doc-form-offer-description = Omschrijving aanbod
doc-form-value = Waarde
doc-form-letter-text = Tekst voor de klager
doc-form-director-consulted = Na overleg met directeur
doc-form-offer-made-on = Aanbod gedaan op
doc-form-own-satisfaction = Tevredenheid volgens klager zelf (1–5)
doc-form-satisfaction = Tevredenheid (1–5)
doc-form-by-handler = , vastgelegd door afhandelaar
doc-form-comment = Toelichting
doc-form-accepted = aanvaard
doc-form-declined = afgewezen
doc-form-actions = Acties
doc-form-no-actions = geen acties afgesproken
doc-form-nr = Nr.
doc-form-agreement = Afspraak
doc-form-due = Uiterlijk
doc-form-completed = Afgerond
doc-form-form-to-quality = Formulier naar kwaliteitsmanager
doc-form-not-sent = nog niet verstuurd
doc-form-party = Externe partij
doc-form-outcome = Uitkomst
doc-form-not-known = nog niet bekend
doc-form-step = Stap
doc-form-done-on = Gedaan op
doc-form-status-head = Status
doc-form-filed = Opgeborgen in klachtendossier
doc-form-not-closed = nog niet afgesloten
doc-form-exact = Registratie E-Synergy
doc-form-initials-handler = Paraaf afhandelaar
doc-form-initials-quality = Paraaf kwaliteitsmanager
doc-form-status = Status: { $status }
doc-form-consultation = Advies directeur (vraag { $number })
doc-form-question = Vraag aan { $director } ({ $asked }): { $question }
doc-form-advice = Advies ({ $advised }): { $advice }
doc-form-via-website = (via de website, { $date })
doc-form-waived = Overgeslagen: { $step }
doc-form-engaged-on = , ingeschakeld op { $date }
doc-form-initials-handler-named = Paraaf afhandelaar ({ $name })

## Het klachtenformulier: de waarden (form.rs)

doc-form-value-received-online = via de website
doc-form-value-accepted-yes = aanvaard
doc-form-value-accepted-no = afgewezen
doc-form-value-accepted-unknown = niet bekend
doc-form-value-action-completed = afgerond { $at }
doc-form-value-action-open = open
doc-form-value-form-sent = verstuurd door { $by } op { $at }
doc-form-value-resolved = opgelost
doc-form-value-unresolved = niet opgelost
doc-form-value-term-waived = overgeslagen ({ $status })
doc-form-value-round = Behandelronde { $round }, heropend op { $date } ({ $kind }): { $reason }
doc-form-value-copy-printed = Afgedrukt { $at } door { $by }
doc-form-value-copy-filed = Opgeborgen in het klachtendossier op { $at } door { $by }
doc-form-value-copy-anonymised = Opgeborgen in het klachtendossier op { $filed } door { $by }; geanonimiseerd op { $at } (bewaartermijn verstreken)
doc-form-value-unknown-user = onbekende gebruiker
doc-form-value-actor-complainant = klager (website)
doc-form-value-actor-system = systeem
doc-form-file-name = klachtenformulier
