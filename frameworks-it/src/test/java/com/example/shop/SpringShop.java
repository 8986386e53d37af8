package com.example.shop;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * An application that calls a downstream service through Spring Framework's {@link RestClient} and
 * {@link RestTemplate}, once over the JDK's HttpClient and once over Apache HttpClient 5 (the request factory is
 * given). Each call sits in its own method on its own line, marked {@code // site:NAME} for the test. The leaking
 * methods hand what they opened to {@code open}, so the test can close it once the recording has stopped.
 */
public final class SpringShop {
    private final RestClient restClient;
    private final RestTemplate restTemplate;
    private final String origin;
    private final List<AutoCloseable> open;

    public SpringShop(ClientHttpRequestFactory factory, String origin, List<AutoCloseable> open) {
        this.restClient = RestClient.builder().requestFactory(factory).baseUrl(origin).build();
        this.restTemplate = new RestTemplate(factory);
        this.origin = origin;
        this.open = open;
    }

    /** Over the JDK client: takes the body's stream and never closes it. */
    public void restClientLeakJdk() {
        InputStream body = restClient.get().uri("/data").exchange((request, response) -> response.getBody(), false); // site:restClientLeakJdk
        open.add(body);
    }

    /** Over the JDK client: reads the body to a string (RestClient closes the response). */
    public String restClientReadJdk() {
        return restClient.get().uri("/data").retrieve().body(String.class); // site:restClientReadJdk
    }

    /** Over the JDK client: executes a request from the template's factory and never closes the response. */
    public void restTemplateLeakJdk() throws IOException {
        ClientHttpResponse response = restTemplate.getRequestFactory().createRequest(URI.create(origin + "/data"), HttpMethod.GET).execute(); // site:restTemplateLeakJdk
        open.add(response);
    }

    /** Over the JDK client: reads the body to a string (RestTemplate closes the response). */
    public String restTemplateReadJdk() {
        return restTemplate.getForObject(origin + "/data", String.class); // site:restTemplateReadJdk
    }

    /** Over Apache HttpClient 5: as {@link #restClientLeakJdk()}. */
    public void restClientLeakApache() {
        InputStream body = restClient.get().uri("/data").exchange((request, response) -> response.getBody(), false); // site:restClientLeakApache
        open.add(body);
    }

    /** Over Apache HttpClient 5: as {@link #restClientReadJdk()}. */
    public String restClientReadApache() {
        return restClient.get().uri("/data").retrieve().body(String.class); // site:restClientReadApache
    }

    /** Over Apache HttpClient 5: as {@link #restTemplateLeakJdk()}. */
    public void restTemplateLeakApache() throws IOException {
        ClientHttpResponse response = restTemplate.getRequestFactory().createRequest(URI.create(origin + "/data"), HttpMethod.GET).execute(); // site:restTemplateLeakApache
        open.add(response);
    }

    /** Over Apache HttpClient 5: as {@link #restTemplateReadJdk()}. */
    public String restTemplateReadApache() {
        return restTemplate.getForObject(origin + "/data", String.class); // site:restTemplateReadApache
    }
}
