package io.actionport.server.it;

/** The connect flow and per-user connections on PostgreSQL, where several nodes share the sessions. */
class ConnectFlowOnPostgresTest extends ConnectFlowTest {

    private String url;

    @Override
    String databaseUrl() {
        if (url == null) {
            url = SharedPostgres.newDatabase("connect flow");
        }
        return url;
    }
}
