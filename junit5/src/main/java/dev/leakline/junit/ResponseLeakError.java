package dev.leakline.junit;

import dev.leakline.engine.findings.Advice;
import dev.leakline.engine.format.Headline;
import dev.leakline.engine.pairing.PairingResult;
import dev.leakline.engine.pairing.Response;
import dev.leakline.engine.pairing.Verdict;
import dev.leakline.engine.sites.FrameFilter;
import dev.leakline.engine.sites.Site;
import dev.leakline.engine.sites.Sites;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test opened HTTP responses and finished without reading their bodies to the end or closing them.
 * The message names each response and the lines that opened it, the sites in the order the engine says to fix them;
 * the error's own stack trace is the opening of the first one, so an IDE links straight to that line.
 *
 * <pre>
 * Leakline: 1 leaked response at 1 site
 * Response leaked: GET http://127.0.0.1:41523/orders (java.net.http), opened at
 * 	at com.example.OrderClientTest.fetchesOrders(OrderClientTest.java:42)
 * 	(on thread "main"; neither read to the end nor closed)
 * Fix: Read the body to the end or close it on every path (try-with-resources).
 * </pre>
 */
public final class ResponseLeakError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private ResponseLeakError(String message, StackTraceElement[] opening) {
        super(message);
        setStackTrace(opening);
    }

    /** @param leaks the test's unfinished responses, as the engine judged them */
    static ResponseLeakError of(List<Response> leaks, FrameFilter filter) {
        // The engine's sites, in its what-to-fix order, so the test names the lines the leakline command would.
        List<String> order = new ArrayList<>();
        Map<String, Site> sites = new HashMap<>();
        Sites.group(new PairingResult(leaks, List.of(), List.of(), List.of()), filter).forEach(site -> {
            order.add(site.site());
            sites.put(site.site(), site);
        });
        List<Response> sorted = new ArrayList<>(leaks);
        sorted.sort(Comparator.comparingInt((Response r) -> order.indexOf(filter.siteOf(r.stack())))
                .thenComparingLong(Response::openedNanos));

        StringBuilder message = new StringBuilder("Leakline: ").append(Headline.leaks(leaks.size(), order.size()));
        StackTraceElement[] first = null;
        for (Response leak : sorted) {
            StackTraceElement[] frames = Frames.application(leak.stack());
            if (first == null) {
                first = frames;
            }
            Site site = sites.get(filter.siteOf(leak.stack()));
            // Without an application frame, say so as every report does, then show the stack as recorded.
            message.append("\nResponse leaked: ").append(describe(leak)).append(site != null
                    && !site.hasApplicationFrame() ? ", " + site.line() + "; opened at" : ", opened at");
            Frames.append(message, frames);
            message.append("\n\t(on thread \"").append(orUnknown(leak.threadName()))
                    .append("\"; neither read to the end nor closed)");
        }
        message.append("\nFix: ").append(Advice.fix(Verdict.LEAKED));
        return new ResponseLeakError(message.toString(), first == null ? new StackTraceElement[0] : first);
    }

    /**
     * {@code GET http://127.0.0.1:8080/path (java.net.http)}; {@code ?} for a field the recording lost
     * (JDK 17 can lose an event's strings when the chunk rotates as it is written).
     */
    private static String describe(Response response) {
        return orUnknown(response.method()) + " " + orUnknown(response.uri()) + " (" + orUnknown(response.client())
                + ")";
    }

    private static String orUnknown(String value) {
        return value == null ? "?" : value;
    }
}
