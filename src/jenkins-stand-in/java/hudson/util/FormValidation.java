/*
 * Jenkins API stand-in: mirrors hudson.util.FormValidation from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Kind { OK, WARNING, ERROR }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return respond(Kind.OK, "");
    }

    public static FormValidation ok(String message) {
        return respond(Kind.OK, message);
    }

    public static FormValidation warning(String message) {
        return respond(Kind.WARNING, message);
    }

    public static FormValidation error(String message) {
        return respond(Kind.ERROR, message);
    }

    public static FormValidation error(Throwable e, String message) {
        return respond(Kind.ERROR, message + ": " + e);
    }

    public static FormValidation validateRequired(String value) {
        return value == null || value.trim().isEmpty() ? error("Required") : ok();
    }

    public static FormValidation validatePositiveInteger(String value) {
        try {
            return Integer.parseInt(value) > 0 ? ok() : error("Not a positive integer");
        } catch (NumberFormatException e) {
            return error("Not a number");
        }
    }

    public static FormValidation validateIntegerInRange(String value, int lower, int upper) {
        try {
            int n = Integer.parseInt(value);
            return n >= lower && n <= upper ? ok() : error("Not an integer between " + lower + " and " + upper);
        } catch (NumberFormatException e) {
            return error("Not a number");
        }
    }

    public static FormValidation respond(Kind kind, String html) {
        return new FormValidation(kind, html) {
            private static final long serialVersionUID = 1L;

            @Override
            public String renderHtml() {
                return html;
            }
        };
    }

    public abstract String renderHtml();
}
