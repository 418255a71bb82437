package io.actionport.sdk;

import java.util.Objects;

/**
 * How a provider splits a list into pages, for {@link ProviderClient#paginate}. Each style names
 * where a page's items are: a JSON pointer into the body, or {@code ""} when the body is the array.
 */
public sealed interface Pagination {

    /** The JSON pointer of the items array in each page's body; {@code ""} for the body itself. */
    String items();

    /**
     * Follows the {@code Link: <url>; rel="next"} header (RFC 8288, as GitHub sends it) until a page
     * has none. The next URL must stay below the integration's base URL.
     *
     * @param items where the items are in each page
     */
    record LinkHeader(String items) implements Pagination {
        public LinkHeader {
            Objects.requireNonNull(items, "items");
        }
    }

    /**
     * Sends each page's cursor in a query parameter until a page has no cursor, an empty one, or no
     * items.
     *
     * @param param the query parameter that carries the cursor, e.g. {@code cursor}
     * @param nextCursor the JSON pointer of the next page's cursor in a page, e.g. {@code /meta/next}
     * @param items where the items are in each page
     */
    record Cursor(String param, String nextCursor, String items) implements Pagination {
        public Cursor {
            Objects.requireNonNull(param, "param");
            Objects.requireNonNull(nextCursor, "nextCursor");
            Objects.requireNonNull(items, "items");
        }
    }

    /**
     * Sends an offset and a page size in query parameters, starting at 0, until a page has fewer
     * items than the page size.
     *
     * @param offsetParam the query parameter of the offset, e.g. {@code offset}
     * @param limitParam the query parameter of the page size, e.g. {@code limit}
     * @param limit the page size asked for
     * @param items where the items are in each page
     */
    record Offset(String offsetParam, String limitParam, int limit, String items) implements Pagination {
        public Offset {
            Objects.requireNonNull(offsetParam, "offsetParam");
            Objects.requireNonNull(limitParam, "limitParam");
            Objects.requireNonNull(items, "items");
            if (limit < 1) {
                throw new IllegalArgumentException("the page size must be at least 1, was " + limit);
            }
        }
    }

    /** Link-header pages whose items are at {@code items}, e.g. {@code ""} for a bare array. */
    static Pagination linkHeader(String items) {
        return new LinkHeader(items);
    }

    /** Cursor pages: the cursor goes in {@code param} and comes back at {@code nextCursor}. */
    static Pagination cursor(String param, String nextCursor, String items) {
        return new Cursor(param, nextCursor, items);
    }

    /** Offset pages of {@code limit} items, in {@code offset} and {@code limit} query parameters. */
    static Pagination offset(int limit, String items) {
        return new Offset("offset", "limit", limit, items);
    }
}
