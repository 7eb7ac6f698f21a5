# The compose stack's two app servers, taken in turn; one that fails its health check is
# left out until it answers again.
probe healthz {
    .url = "/healthz";
    .interval = 5s;
    .timeout = 3s;
    .window = 3;
    .threshold = 2;
}

backend web1 {
    .host = "web1";
    .port = "8000";
    .probe = healthz;
}

backend web2 {
    .host = "web2";
    .port = "8000";
    .probe = healthz;
}

sub vcl_init {
    new app_servers = directors.round_robin();
    app_servers.add_backend(web1);
    app_servers.add_backend(web2);
}

sub dlhs_choose_backend {
    set req.backend_hint = app_servers.backend();
}
