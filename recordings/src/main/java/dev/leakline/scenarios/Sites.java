package dev.leakline.scenarios;

/**
 * The scenario line that called into the bookkeeping, in the form JFR stack frames print:
 * {@code Class.method(File.java:line)}.
 */
final class Sites {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Sites() {
    }

    /**
     * The frame of the first caller outside the bookkeeping classes. Scenario code writes the request
     * and the bookkeeping call on one line ({@code c.opened(client.send(...))}), so this is also the
     * line whose frame the {@code leakline.ResponseOpened} stack trace holds.
     */
    static String caller() {
        return WALKER.walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Sites.class.getName())
                        && !f.getClassName().equals(Case.class.getName())
                        && !f.getClassName().equals(Bookkeeping.class.getName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                        + f.getLineNumber() + ")")
                .orElse("unknown"));
    }
}
