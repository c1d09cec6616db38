# Words used everywhere. Dutch is the reference: every key there is here
# too, with the same { $placeholders }.

language-self = English
test-link-html = <a href="/">{ $name }</a>
