package dev.leakline.engine.event;

/**
 * One stack frame, in our own terms.
 *
 * @param type   the fully qualified class name, nested classes with {@code $}; {@code ?} when the recording does
 *               not tell (never null)
 * @param method the method name; {@code ?} when unknown (never null)
 * @param line   the line number, or -1 when unknown
 */
public record Frame(String type, String method, int line) {
    public Frame {
        // A damaged constant pool leaves a frame without its class or method; the reports still need text.
        type = type == null || type.isEmpty() ? "?" : type;
        method = method == null || method.isEmpty() ? "?" : method;
    }

    /**
     * The frame as a Java stack trace prints it, {@code Class.method(File.java:line)}; the file name is derived from
     * the outermost class, which is what javac writes unless a file holds several top-level classes.
     */
    @Override
    public String toString() {
        return type + "." + method + location();
    }

    /** Without the package, for an 80-column report: {@code Shop.buy(Shop.java:42)}. */
    public String shortForm() {
        return type.substring(type.lastIndexOf('.') + 1) + "." + method + location();
    }

    /** The package of the frame's class, empty for the default package. */
    public String packageName() {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }

    /**
     * The source file, derived from the outermost class ({@code a.b.Shop$Cart} is in {@code Shop.java}): JFR records no
     * file names, and this is what javac writes unless a file holds several top-level classes.
     */
    public String fileName() {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        if (nested > 0) {
            simple = simple.substring(0, nested);
        }
        return simple + ".java";
    }

    /** The frame as a {@link StackTraceElement}, for front-ends that hand stacks to an IDE or a test runner. */
    public StackTraceElement toStackTraceElement() {
        return new StackTraceElement(type, method, fileName(), line);
    }

    private String location() {
        return "(" + fileName() + (line >= 0 ? ":" + line : "") + ")";
    }
}
