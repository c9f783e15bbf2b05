vcl 4.1;
# Varnish in front of Herald replicas. scripts/replicas.sh fills in the @…@ placeholders and runs it;
# docs/deploy.md ("Varnish") explains each part.
#
# Stock Varnish keeps one encoding only: it asks the backend for gzip, stores gzip, gunzips for clients
# that do not accept it and never asks for Brotli. Herald makes identity, gzip and Brotli itself, each
# with its own ETag, so this VCL keeps them apart instead: the client's Accept-Encoding is reduced to
# "br", "gzip" or nothing, that value is part of the cache key and is what the backend is asked for, and
# Varnish never compresses or decompresses a body.

import directors;

backend replica_a { .host = "127.0.0.1"; .port = "@PORT_A@"; }
backend replica_b { .host = "127.0.0.1"; .port = "@PORT_B@"; }

sub vcl_init {
  new replicas = directors.round_robin();
  replicas.add_backend(replica_a);
  replicas.add_backend(replica_b);
}

sub vcl_recv {
  set req.backend_hint = replicas.backend();
  # Metrics are per replica: scrape each one directly, not through the shared front door.
  if (req.url == "/metrics") {
    return (synth(404));
  }
  if (req.url == "/healthz") {
    return (pass);
  }
  # One value per encoding Herald serves (RFC 9110 §12.5.3: q=0 refuses a coding), kept in
  # X-Herald-Encoding for the cache key and the backend request.
  if (req.http.Accept-Encoding ~ "(^|[ ,])br([ ;,]|$)" && req.http.Accept-Encoding !~ "(^|[ ,])br *; *q=0(\.0*)?([ ,]|$)") {
    set req.http.Accept-Encoding = "br";
    set req.http.X-Herald-Encoding = "br";
  } elsif (req.http.Accept-Encoding ~ "(^|[ ,])gzip([ ;,]|$)" && req.http.Accept-Encoding !~ "(^|[ ,])gzip *; *q=0(\.0*)?([ ,]|$)") {
    set req.http.Accept-Encoding = "gzip";
    set req.http.X-Herald-Encoding = "gzip";
  } else {
    unset req.http.Accept-Encoding;
    unset req.http.X-Herald-Encoding;
  }
}

sub vcl_hash {
  # After vcl_recv, Varnish (http_gzip_support, on by default) rewrites Accept-Encoding to "gzip" or
  # removes it, so a Brotli request would look like an identity one: key on X-Herald-Encoding.
  hash_data(req.url);
  hash_data(req.http.host);
  hash_data(req.http.X-Herald-Encoding);
  return (lookup);
}

sub vcl_backend_fetch {
  # Varnish has set Accept-Encoding: gzip on every backend request: ask for the client's encoding.
  if (bereq.http.X-Herald-Encoding) {
    set bereq.http.Accept-Encoding = bereq.http.X-Herald-Encoding;
  } else {
    unset bereq.http.Accept-Encoding;
  }
  unset bereq.http.X-Herald-Encoding;
}

sub vcl_backend_response {
  # The TTL comes from Herald's Cache-Control (s-maxage first, as for any shared cache). No grace, so
  # nobody is served a copy older than s-maxage; keep the copy an hour past it to revalidate with its ETag
  # (a conditional fetch, answered 304 by any replica).
  set beresp.grace = 0s;
  set beresp.keep = 1h;
  set beresp.do_gzip = false;
  set beresp.do_gunzip = false;
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
