package io.actionport.sdk;

/** The provider answered with a non-2xx status. */
public class ProviderException extends ActionException {

    private static final int MAX_BODY_IN_MESSAGE = 500;

    private final int status;
    private final String responseBody;

    public ProviderException(String method, String path, int status, String responseBody) {
        super(
                "provider_error",
                "provider answered " + status + " to " + method + " " + path + ": " + abbreviate(responseBody));
        this.status = status;
        this.responseBody = responseBody;
    }

    /** The provider's HTTP status. */
    public int status() {
        return status;
    }

    /** The provider's response body. */
    public String responseBody() {
        return responseBody;
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        return body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
