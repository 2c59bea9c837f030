// route-bench: route set-up on the 3,037-router Inet map (scenarios/internet-map.toml),
// gcsim against a plain ns-3 program (plain-routes.cc) in the same run.
//
//   routes/gcsim   gcsim's BuildNetwork: the map's routers and links, P1 and 64 client
//                  LANs, hop-count unicast routes on every node, ARP caches filled
//   routes/plain   TopologyReaderHelper, InternetStackHelper, PointToPointHelper and
//                  Ipv4GlobalRoutingHelper::PopulateRoutingTables on the same map; only
//                  with --with-plain, as it takes about half an hour
//
// Each iteration runs route-setup (route-setup.cc) in a fresh process, so its time
// (measured in that process around the set-up) and its peak resident memory (its
// ru_maxrss) are its own. Both include tearing the simulation down. A table of the two
// sides and their ratios follows.

#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace
{

/// Seconds and peak kilobytes of the last iteration of each side.
std::map<std::string, std::pair<double, long>> g_last;

struct ChildResult
{
    double seconds{0};
    uint64_t count{0};
    long peakKb{0};
};

/// Runs `route-setup SIDE` in a child process: its reported time and count, and its peak memory.
ChildResult
InChild(const std::string& side)
{
    int fd[2];
    if (pipe(fd) != 0)
    {
        std::perror("pipe");
        std::exit(1);
    }
    pid_t pid = fork();
    if (pid == 0)
    {
        dup2(fd[1], STDOUT_FILENO);
        close(fd[0]);
        close(fd[1]);
        execl(GCSIM_ROUTE_SETUP, GCSIM_ROUTE_SETUP, side.c_str(), GCSIM_SOURCE_DIR,
              static_cast<char*>(nullptr));
        std::perror(GCSIM_ROUTE_SETUP);
        _exit(127);
    }
    close(fd[1]);
    char text[128] = {};
    ssize_t got = read(fd[0], text, sizeof text - 1);
    close(fd[0]);
    int status = 0;
    struct rusage usage = {};
    wait4(pid, &status, 0, &usage);
    ChildResult r;
    unsigned long long count = 0;
    if (got <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        std::sscanf(text, "%lf %llu", &r.seconds, &count) != 2)
    {
        std::fprintf(stderr, "route-bench: route-setup %s failed\n", side.c_str());
        std::exit(1);
    }
    r.count = count;
    r.peakKb = usage.ru_maxrss;
    return r;
}

void
Report(benchmark::State& state, const std::string& side, const ChildResult& r)
{
    state.SetIterationTime(r.seconds);
    state.counters["peak_MB"] = double(r.peakKb) / 1024;
    state.counters["count"] = double(r.count);
    g_last[side] = {r.seconds, r.peakKb};
}

void
GcsimRoutes(benchmark::State& state)
{
    for (auto _ : state)
    {
        Report(state, "gcsim", InChild("gcsim"));
    }
}

void
PlainRoutes(benchmark::State& state)
{
    for (auto _ : state)
    {
        Report(state, "plain", InChild("plain"));
    }
}

} // namespace

int
main(int argc, char** argv)
{
    // The plain side takes about half an hour (ns-3's global routing computes a route to
    // every one of the map's 4,788 link subnets on each of its 3,037 routers), so it runs
    // only when asked for.
    bool withPlain = false;
    for (int i = 1; i < argc; ++i)
    {
        if (std::string(argv[i]) == "--with-plain")
        {
            withPlain = true;
            for (int j = i; j + 1 < argc; ++j)
            {
                argv[j] = argv[j + 1];
            }
            --argc;
            break;
        }
    }
    benchmark::RegisterBenchmark("routes/gcsim", GcsimRoutes)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(3)
        ->ReportAggregatesOnly(false);
    if (withPlain)
    {
        benchmark::RegisterBenchmark("routes/plain", PlainRoutes)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond)
            ->Iterations(1);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
    {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (g_last.count("gcsim") && !g_last.count("plain"))
    {
        auto [gs, gk] = g_last["gcsim"];
        std::printf(
            "\nroute set-up on the Inet map, gcsim (last iteration): %.3f s, peak %.1f MB\n", gs,
            gk / 1024.0);
    }
    if (g_last.count("gcsim") && g_last.count("plain"))
    {
        auto [gs, gk] = g_last["gcsim"];
        auto [ps, pk] = g_last["plain"];
        std::printf("\nroute set-up on the Inet map (last iteration of each)\n");
        std::printf("%-8s %10s %10s\n", "", "seconds", "peak MB");
        std::printf("%-8s %10.3f %10.1f\n", "gcsim", gs, gk / 1024.0);
        std::printf("%-8s %10.3f %10.1f\n", "plain", ps, pk / 1024.0);
        std::printf("%-8s %10.3f %10.3f\n", "ratio", gs / ps, double(gk) / double(pk));
    }
    return 0;
}
