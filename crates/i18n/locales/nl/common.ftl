# Woorden die overal terugkomen. Nederlands is de referentie: elke sleutel
# hier staat ook in elke andere taal, met dezelfde { $plaatshouders }.

# De taal in haar eigen woorden (de taalkeuze toont de andere taal zo).
language-self = Nederlands
# Voor de test van html1: een tekst met opmaak en een ontsnapte waarde.
test-link-html = <a href="/">{ $name }</a>
