import { dated, post, type Case } from './corpus-case.js';

const body = (slug: string, title: string, markdown: string, has: string[], lacks: string[]): Case => ({
  name: title,
  file: dated(`html-${slug}`),
  bytes: post(`title: "${title.replace(/["\\]/g, '\\$&')}"`, `Kept text.\n\n${markdown}\n`),
  expect: { item: { title }, has: ['Kept text.', ...has], lacks },
});

const frontMatter = (slug: string, name: string, yaml: string, expect: Case['expect']): Case => ({
  name,
  file: dated(`url-${slug}`),
  bytes: post(yaml),
  expect,
});

/** Hostile HTML, URLs and markup-breaking text, in the body and in front matter. */
export const hostileCases: Case[] = [
  body('script', 'script element', '<script>alert(1)</script>\n\n<SCRIPT SRC=https://evil.example/x.js></SCRIPT>', [], ['alert(1)', 'evil.example']),
  body('style', 'style element and attribute', '<style>body{display:none}</style>\n\n<p style="position:fixed">styled</p>', ['<p>styled</p>'], ['display:none', 'position']),
  body('iframe', 'iframe, object, embed, applet', '<iframe src="https://evil.example/"></iframe><object data="x.swf"><param name="a" value="b"><embed src="x.swf"></object><applet code="x"></applet><iframe src="javascript:alert(1)"></iframe>', ['<p><a href="https://evil.example/">Embedded content from evil.example</a></p>', '<p><a href="https://example.com/2024/03/01/x.swf">Embedded content from example.com</a></p>'], ['<iframe', '<object', '<embed', '<param', '<applet', 'alert(1)']),
  body('handlers', 'event handlers', '<img src="/a.png" onerror="alert(1)"> <p onclick="x()">p</p> <a href="https://ok.example/" onmouseover="x()">ok</a> <b ONLOAD=x()>b</b>', ['<img src="https://example.com/a.png" />', 'href="https://ok.example/"', '<p>p</p>', '<b>b</b>'], ['alert', 'x()']),
  body(
    'javascript-links',
    'javascript: URLs in links',
    '[md](javascript:alert(1)) <a href="javascript:alert(2)">raw</a> <a href="JaVaScRiPt:alert(3)">case</a> <a href="jav&#x09;ascript:alert(4)">tab</a> <a href=" javascript:alert(5)">space</a> <a href="&#106;avascript:alert(6)">entity</a> <javascript:alert(7)>',
    ['>raw</a>', '>case</a>', '>tab</a>', '>space</a>', '>entity</a>'],
    ['href="j', 'href="J', 'alert(2)', 'alert(3)'],
  ),
  body('javascript-images', 'javascript: URLs in images', '![a](javascript:alert(1)) <img src="javascript:alert(2)"> <img src="x" srcset="javascript:alert(3) 1x"> <img src="/ok.png">', ['src="https://example.com/ok.png"'], ['srcset', 'alert(2)']),
  body('data-urls', 'data: URLs', '![png](data:image/png;base64,iVBORw0KGgo=) <a href="data:text/html,%3Cscript%3Ealert(1)%3C/script%3E">d</a> <img src="data:image/svg+xml,<svg onload=alert(1)>">', ['>d</a>'], ['data:', 'base64']),
  body('vbscript', 'vbscript: and other schemes', '[v](vbscript:msgbox(1)) <a href="vbscript:msgbox(2)">v</a> <a href="file:///etc/passwd">f</a> <a href="mailto:a@example.com">m</a>', ['href="mailto:a@example.com"', '>v</a>', '>f</a>'], ['href="vbscript', 'href="file']),
  body('svg', 'SVG with script', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="1"/><a xlink:href="javascript:alert(3)"><text>svg text</text></a></svg>', [], ['alert', '<circle', 'xlink']),
  body('math', 'MathML and forms', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math><form action="https://evil.example/"><input name="x"><button formaction="javascript:alert(2)">b</button></form>', [], ['javascript', 'evil.example', '<input', '<button']),
  body('document-level', 'base, meta and link elements', '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">\n\n[rel](page.html)', ['href="https://example.com/2024/03/01/page.html"'], ['evil.example']),
  body('mxss', 'mutation XSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript> <textarea><script>alert(2)</script></textarea> <xmp><img src=x onerror=alert(3)></xmp>', [], ['onerror', 'alert(2)']),
  body('cdata-end', 'CDATA end in the body ]]>', 'Text ]]> here\n\n```\ncode ]]> here\n```\n\n<p title="]]>">attr</p>\n\n<div>raw ]]></div>', ['code ]]&gt; here'], []),
  body('closing-tags', 'closing feed tags in the body', 'Text </content> </item> </entry> </channel> </rss> here\n\n<p>raw </content></item></entry></p>\n\n`</feed>`', ['<p>Text      here</p>', '&lt;/feed&gt;</code>'], ['</content>', '</item>', '</entry>', '</channel>']),
  body('comments', 'HTML comments', 'Before <!-- hidden --> after\n\n<!-- ]]> -- > <script>x</script> -->\n\n<!--more-->\n\n<!--more-->\n\nEnd <!-- unclosed', ['Before  after', 'End &lt;!\u2013 unclosed'], ['hidden', '<script', '<!--']),
  body('entities', 'numeric and named entities', 'nul &#0; sur &#xD800; ffff &#xFFFF; big &#1114112; emoji &#x1F600; bogus &bogus; amp &amp;amp;\n\n<p>raw &#0; &#xFFFE; &#x1;</p>', ['emoji \u{1F600}', '&amp;bogus;', '&amp;amp;'], []),
  body('css-urls', 'links with odd but valid URLs', '<a href="https://example.net/a b?c=<d>&e=\'f\'">odd</a> [proto](//cdn.example.net/x) [q](?page=2) [frag](#top)', ['href="https://example.net/a%20b?c=%3Cd%3E&amp;e=%27f%27"', 'href="https://cdn.example.net/x"', 'href="https://example.com/2024/03/01/html-css-urls.html?page=2"'], []),
  frontMatter('script-title', 'HTML in the title', 'title: "<script>alert(1)</script> & <b>bold</b>"', { item: { title: '& bold' } }),
  frontMatter('feed-tags-title', 'feed markup in the title', 'title: "]]> </title></item></entry> &#0; &amp;"', { item: { title: ']]> \uFFFD &' } }),
  frontMatter('bidi-title', 'bidi overrides in the title', 'title: "Invoice \\u202Egpj.exe and \\u2066isolated"', { item: { title: 'Invoice \u202Egpj.exe and \u2066isolated\u2069\u202C' } }),
  frontMatter('hostile-excerpt', 'HTML in the excerpt', 'title: HTML excerpt\nexcerpt: "<script>alert(1)</script><img src=x onerror=alert(2)>Plain <b>text</b>"', { item: { title: 'HTML excerpt', summary: 'Plain text' } }),
  frontMatter('hostile-author', 'HTML in the author name', 'title: Author markup\nauthor:\n  name: "<b>Evil</b> (Jo) ]]>"\n  email: jo@example.com', { item: { title: 'Author markup', authors: [{ name: '<b>Evil</b> (Jo) ]]>' }] } }),
  frontMatter('hostile-terms', 'hostile category and tag names', 'title: Hostile terms\ncategories: ["<script>", "]]>", "../..", "feed.xml", "a/b?c#d"]\ntags: ["</category>", "%2e%2e", "\\u202E"]', { item: { title: 'Hostile terms', tags: ['<script>', ']]>', '../..', 'feed.xml', 'a/b?c#d', '</category>', '%2e%2e', '\u202E\u202C'] } }),
  frontMatter('image-javascript', 'image: javascript: URL', 'title: x\nimage: "javascript:alert(1)"', { problem: /^image "javascript:alert\(1\)" must be an http\(s\) URL or a path, not javascript:/ }),
  frontMatter('image-data', 'image: data: URL', 'title: x\nimage: "data:image/png;base64,iVBORw0KGgo="', { problem: /^image "data:image\/png;base64,iVBORw0KGgo=" must be an http\(s\) URL or a path, not data:/ }),
  frontMatter('image-vbscript', 'image.path: vbscript: URL', 'title: x\nimage:\n  path: "vbscript:x"', { problem: /^image "vbscript:x" must be an http\(s\) URL or a path, not vbscript:/ }),
  frontMatter('image-bad-host', 'image: URL with a space in the host', 'title: x\nimage: "https://exa mple.com/x.png"', { problem: /^image "https:\/\/exa mple\.com\/x\.png" is not a valid URL$/ }),
  frontMatter('image-protocol-relative', 'image: protocol-relative path', 'title: Protocol-relative image\nimage: "//cdn.example.net/x.png"', { item: { title: 'Protocol-relative image', image: 'https://example.com/cdn.example.net/x.png' } }),
  frontMatter('image-quotes', 'image: quotes and angle brackets', 'title: Quoted image\nimage: \'/img/a"b<c>.png\'', { item: { title: 'Quoted image', image: 'https://example.com/img/a%22b%3Cc%3E.png' }, has: ['src="https://example.com/img/a%22b%3Cc%3E.png"'] }),
  frontMatter('author-uri-javascript', 'author.uri: javascript: URL', 'title: x\nauthor:\n  name: Jo\n  uri: "javascript:alert(1)"', { problem: /^author\.uri "javascript:alert\(1\)" is not an absolute http\(s\) URL/ }),
  frontMatter('author-uri-broken', 'author.uri: http URL that does not parse', 'title: x\nauthor:\n  name: Jo\n  uri: "https://[::1/"', { problem: /^author\.uri "https:\/\/\[::1\/" is not an absolute http\(s\) URL/ }),
  frontMatter('id-javascript', 'id: javascript: IRI', 'title: Script id\nid: "javascript:alert(1)"', { item: { title: 'Script id', id: 'javascript:alert(1)' } }),
  frontMatter('id-space', 'id: IRI with a space', 'title: x\nid: "urn:uuid:not an iri"', { problem: /^id "urn:uuid:not an iri" is not a valid IRI: no spaces, quotes, angle brackets or control characters$/ }),
  frontMatter('id-relative-dots', 'id: path with ../', 'title: Dotted id\nid: "../../../etc/passwd"', { item: { title: 'Dotted id', id: 'https://example.com/etc/passwd' } }),
  frontMatter('permalink-javascript', 'permalink: javascript: URL', 'title: Script permalink\npermalink: "javascript:alert(1)/:slug"', { item: { title: 'Script permalink', url: 'https://example.com/javascript:alert(1)/url-permalink-javascript' } }),
  frontMatter('permalink-absolute', 'permalink: another site', 'title: Foreign permalink\npermalink: "https://evil.example/:slug"', { item: { title: 'Foreign permalink', url: 'https://example.com/https:/evil.example/url-permalink-absolute' } }),
  frontMatter('permalink-odd', 'permalink: spaces, quotes, brackets and a query', 'title: Odd permalink\npermalink: \'/a "b" <c>/:slug?x=<y>\'', { item: { title: 'Odd permalink', url: 'https://example.com/a%20%22b%22%20%3Cc%3E/url-permalink-odd?x=%3Cy%3E' } }),
];
