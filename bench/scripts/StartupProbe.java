/**
 * The program the agent start-up bench starts: one HttpURLConnection request and one java.net.http request
 * to a server of its own on 127.0.0.1 (so the agent's instrumented classes load and run), then exit. No
 * Leakline code.
 */
public class StartupProbe {
    public static void main(String[] args) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 2);
            try (java.io.OutputStream out = ex.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        try (java.io.InputStream in = new java.net.URL(url).openConnection().getInputStream()) {
            in.readAllBytes();
        }
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        server.stop(0);
        System.exit(0);
    }
}
