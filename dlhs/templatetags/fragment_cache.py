"""``{% fragment %}``: a piece of a template shared by every page until content changes.

    {% load fragment_cache %}
    {% fragment "site-footer" request.get_host %}...{% endfragment %}

The first argument names the fragment, the others are what it varies by (the site's host, a
tag). The rendered HTML is kept under the page cache's generation (dlhs/cache.py), so any
publish retires it, and nothing is kept with PAGE_CACHE_SECONDS=0. Only for markup that is
the same for every visitor: never a CSRF token, a form's errors or the visitor's name.
"""

from django import template

from dlhs.cache import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        name = self.name.resolve(context)
        vary = [part.resolve(context) for part in self.vary]
        return cached_fragment(f"template:{name}", lambda: self.nodelist.render(context), *vary)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment 'footer' %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, *vary = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(nodelist, name, vary)
