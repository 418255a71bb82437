package io.actionport.bench.report;

/** The scenario names the rows carry and the checks look up. */
public final class Names {

    public static final String CALL = "tools/call echo";
    public static final String LIST = "tools/list";
    public static final String ASYNC_LATENCY = "async trigger to completion";
    public static final String ASYNC_SUSTAINED = "async sustained";
    public static final String INFLIGHT = "in flight on a 1 s provider";
    public static final String STARTUP = "start-up to first tools/call";

    public static final String ACTIONPORT = "actionport";
    public static final String TYPESCRIPT = "typescript";
    public static final String SERVLET = "servlet-sdk";
    public static final String CANNED = "canned-netty";

    public static final String H2 = "actionport (h2)";
    public static final String POSTGRES = "actionport (postgresql)";
    public static final String FRESH = "actionport serve (fresh data dir)";
    public static final String EXISTING = "actionport serve (existing data dir)";
    public static final String LAUNCHER_FRESH = "bin/actionport serve, class data sharing archive (fresh data dir)";

    public static final String RUNNER_BENCHMARK = "RunnerBenchmark.run_echo_through_runner";
    public static final String RUNNER_64_CLIENTS = "RunnerBenchmark.run_echo_64_clients";

    /** {@link #RUNNER_64_CLIENTS} from platform threads instead of virtual ones. */
    public static final String RUNNER_64_PLATFORM_THREADS = RUNNER_64_CLIENTS + "_platform_threads";

    private Names() {}
}
