#include "playground-catalogue.h"
#include "results-path.h"
#include "run-queue.h"
#include "scratch/gcsim/cli/command.h"
#include "scratch/gcsim/cli/commands.h"
#include "scratch/gcsim/run-estimate.h"
#include "scratch/gcsim/scenario.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "serve.h"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <iostream>
#include <map>
#include <mutex>
#include <pthread.h>
#include <sstream>

namespace gcsim
{

namespace fs = std::filesystem;

namespace
{

/// One submitted run, as the page polls it.
struct RunRecord
{
    std::string state{"waiting"}; //!< waiting, running, done, failed
    uint64_t ticket{0};
    std::string scenario;
    std::string folder;  //!< below the results folder
    std::string command; //!< the gcsim run command line it is
    std::string output;  //!< what gcsim run printed (the table)
    std::string error;
};

const char* kJson = "application/json";

/// The page's files' types; anything else is sent as bytes to download.
std::string
ContentType(const fs::path& file)
{
    static const std::map<std::string, std::string> types = {{".html", "text/html; charset=utf-8"},
                                                             {".json", "application/json"},
                                                             {".csv", "text/csv; charset=utf-8"},
                                                             {".txt", "text/plain; charset=utf-8"},
                                                             {".toml", "text/plain; charset=utf-8"},
                                                             {".svg", "image/svg+xml"},
                                                             {".png", "image/png"},
                                                             {".gp", "text/plain; charset=utf-8"},
                                                             {".md", "text/plain; charset=utf-8"},
                                                             {".log", "text/plain; charset=utf-8"}};
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

/// The playground's state: the catalogue, the queue and every run submitted.
class Playground
{
public:
    Playground(const ServeOptions& options, std::string resultsRoot)
      : m_options(options)
      , m_root(std::move(resultsRoot))
      , m_program(SelfExecutable())
      , m_scenarios(ShippedScenarios())
      , m_queue(options.jobs, options.queue)
    {
    }

    void Route(httplib::Server& server);
    void Stop()
    {
        m_stopping = true;
        m_queue.Stop();
    }

private:
    nlohmann::json Catalogue() const;
    const ShippedScenario* Find(const std::string& name) const;
    std::string Refusal(const std::string& path, const std::vector<std::string>& sets) const;
    void Submit(const httplib::Request& req, httplib::Response& res);
    void Form(const httplib::Request& req, httplib::Response& res) const;
    void Status(const std::string& id, httplib::Response& res) const;
    void ServeFile(const std::string& relative, httplib::Response& res) const;
    std::string FreshFolder(const std::string& scenario);
    void Execute(uint64_t id, const std::string& path, const std::vector<std::string>& sets);

    ServeOptions m_options;
    std::string m_root;
    std::string m_program;
    std::vector<ShippedScenario> m_scenarios;
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex;
    std::map<uint64_t, RunRecord> m_runs;
    uint64_t m_nextRun{1};
    uint64_t m_nextFolder{1};
    RunQueue m_queue; // last: its workers stop before the rest goes
};

void
Refuse(httplib::Response& res, int status, const std::string& message)
{
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}}.dump(), kJson);
}

nlohmann::json
Playground::Catalogue() const
{
    nlohmann::json scenarios = nlohmann::json::array();
    for (const auto& s : m_scenarios)
    {
        scenarios.push_back({{"name", s.name}, {"description", s.description}});
    }
    nlohmann::json sheets = nlohmann::json::array();
    for (const auto& w : Worksheets())
    {
        sheets.push_back(
            {{"file", w.file}, {"title", w.title}, {"scenario", w.scenario}, {"sets", w.sets}});
    }
    const PlaygroundLimits& l = m_options.limits;
    return {{"scenarios", scenarios},
            {"worksheets", sheets},
            {"formKeys", FormKeys()},
            {"keys", ScenarioKeyNames()},
            {"limits",
             {{"clients", l.maxClients},
              {"messages", l.maxMessages},
              {"runSeconds", l.runSeconds},
              {"jobs", m_options.jobs},
              {"queue", m_options.queue}}}};
}

const ShippedScenario*
Playground::Find(const std::string& name) const
{
    for (const auto& s : m_scenarios)
    {
        if (s.name == name)
        {
            return &s;
        }
    }
    return nullptr;
}

void
Playground::Form(const httplib::Request& req, httplib::Response& res) const
{
    const ShippedScenario* s = Find(req.get_param_value("scenario"));
    if (!s)
    {
        return Refuse(res, 404, "gcsim serve: no shipped scenario of that name");
    }
    try
    {
        res.set_content(nlohmann::json{{"scenario", s->name},
                                       {"description", s->description},
                                       {"values", FormValues(ReadScenarioText(s->path),
                                                             ResolvedScenarioText(s->path))}}
                            .dump(),
                        kJson);
    }
    catch (const std::exception& e)
    {
        Refuse(res, 400, std::string("gcsim: error: ") + e.what());
    }
}

std::string
Playground::FreshFolder(const std::string& scenario)
{
    // Never a name that is there already: the playground adds folders, it replaces none.
    std::error_code ec;
    while (true)
    {
        char number[24];
        std::snprintf(number, sizeof number, "run-%04llu-",
                      static_cast<unsigned long long>(m_nextFolder++));
        std::string name = number + scenario;
        if (!fs::exists(fs::symlink_status(fs::path(m_root) / name, ec)))
        {
            return name;
        }
    }
}

/// Why the run may not start, or "": the command line's own checks, then the playground's limits.
std::string
Playground::Refusal(const std::string& path, const std::vector<std::string>& sets) const
{
    std::string refusal = OverridesRefusal(sets, m_options.limits);
    if (!refusal.empty())
    {
        return refusal;
    }
    try
    {
        // Read in-process first: a scenario above the limits is refused before `gcsim
        // validate` builds its (large) network.
        refusal = LimitMessage(path, sets, m_options.limits);
    }
    catch (const InputError&)
    {
        // Bad input: `gcsim validate` says so in its own words, below.
    }
    return refusal.empty() ? ValidationMessage(m_program, path, sets) : refusal;
}

void
Playground::Submit(const httplib::Request& req, httplib::Response& res)
{
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body["scenario"].is_string() ||
        !(body["set"].is_null() || body["set"].is_array()))
    {
        return Refuse(res, 400, "gcsim serve: expected {\"scenario\": NAME, \"set\": [...]}");
    }
    const ShippedScenario* s = Find(body["scenario"]);
    if (!s)
    {
        return Refuse(res, 400, "gcsim serve: no shipped scenario of that name");
    }
    std::vector<std::string> sets;
    for (const auto& set : body["set"])
    {
        if (!set.is_string())
        {
            return Refuse(res, 400, "gcsim serve: each --set must be a string KEY=VALUE");
        }
        sets.push_back(set);
    }
    std::string refusal = Refusal(s->path, sets);
    if (!refusal.empty())
    {
        return Refuse(res, 400, refusal);
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    uint64_t id = m_nextRun++;
    RunRecord& record = m_runs[id];
    record.scenario = s->name;
    record.folder = FreshFolder(s->name);
    record.command = "gcsim run " + s->name;
    for (const auto& set : sets)
    {
        record.command += " --set " + ShellQuote(set);
    }
    std::string path = s->path;
    auto ticket = m_queue.Submit([this, id, path, sets] { Execute(id, path, sets); });
    if (!ticket)
    {
        m_runs.erase(id);
        return Refuse(res, 503,
                      "gcsim serve: the queue is full (" + std::to_string(m_options.queue) +
                          " waiting); try again once one has started (gcsim serve --queue)");
    }
    record.ticket = *ticket;
    res.status = 202;
    res.set_content(nlohmann::json{{"id", id}, {"folder", record.folder}}.dump(), kJson);
}

void
Playground::Execute(uint64_t id, const std::string& path, const std::vector<std::string>& sets)
{
    std::vector<std::string> args{m_program, "run", path};
    for (const auto& set : sets)
    {
        args.push_back("--set=" + set);
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_runs[id].state = "running";
        args.push_back("--out=" + (fs::path(m_root) / m_runs[id].folder).string());
    }
    args.push_back("--quiet");
    ChildOutcome outcome = RunWithDeadline(args, m_options.limits.runSeconds, m_stopping);
    std::lock_guard<std::mutex> lock(m_mutex);
    RunRecord& record = m_runs[id];
    record.output = outcome.output;
    record.state = outcome.exitCode == 0 ? "done" : "failed";
    if (outcome.timedOut)
    {
        // gcsim run removes its unfinished folder; one stopped while drawing is in place.
        std::error_code ec;
        bool kept = fs::exists(fs::path(m_root) / record.folder, ec);
        record.error = "gcsim serve: stopped after " + DurationText(m_options.limits.runSeconds) +
                       " of wall-clock time (gcsim serve --run-seconds); " +
                       (kept ? "what it had written is in " + record.folder : "nothing was kept");
    }
    else if (outcome.stopped)
    {
        record.error = "gcsim serve: the playground was stopped during this run";
    }
    else if (outcome.exitCode != 0)
    {
        record.error = outcome.output;
    }
}

void
Playground::Status(const std::string& id, httplib::Response& res) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_runs.find(std::strtoull(id.c_str(), nullptr, 10));
    if (it == m_runs.end())
    {
        return Refuse(res, 404, "gcsim serve: no run " + Printable(id, 40));
    }
    const RunRecord& r = it->second;
    nlohmann::json status = {{"id", it->first},    {"state", r.state},     {"scenario", r.scenario},
                             {"folder", r.folder}, {"command", r.command}, {"output", r.output},
                             {"error", r.error},   {"position", 0}};
    if (r.state == "waiting")
    {
        status["position"] = m_queue.Position(r.ticket);
    }
    std::error_code ec;
    if (r.state == "done" && fs::is_regular_file(fs::path(m_root) / r.folder / "report.html", ec))
    {
        status["report"] = "/results/" + r.folder + "/report.html";
    }
    res.set_content(status.dump(), kJson);
}

void
Playground::ServeFile(const std::string& relative, httplib::Response& res) const
{
    std::optional<std::string> file = PathInside(m_root, relative);
    if (!file)
    {
        return Refuse(res, 403, "gcsim serve: only files inside the results folder are served");
    }
    std::ifstream in(*file, std::ios::binary);
    std::error_code ec;
    if (!fs::is_regular_file(*file, ec) || !in)
    {
        return Refuse(res, 404, "gcsim serve: no such file in the results folder");
    }
    std::ostringstream content;
    content << in.rdbuf();
    res.set_content(content.str(), ContentType(*file).c_str());
}

void
Playground::Route(httplib::Server& server)
{
    server.Get("/", [](const httplib::Request&, httplib::Response& res)
               { res.set_content(PlaygroundPage(), "text/html; charset=utf-8"); });
    server.Get("/api/catalogue", [this](const httplib::Request&, httplib::Response& res)
               { res.set_content(Catalogue().dump(), kJson); });
    server.Get("/api/form",
               [this](const httplib::Request& req, httplib::Response& res) { Form(req, res); });
    server.Post("/api/run",
                [this](const httplib::Request& req, httplib::Response& res) { Submit(req, res); });
    server.Get(R"(/api/runs/(\d+))", [this](const httplib::Request& req, httplib::Response& res)
               { Status(req.matches[1], res); });
    server.Get(R"(/worksheets/([^/]+))",
               [](const httplib::Request& req, httplib::Response& res)
               {
                   for (const auto& [file, text] : WorksheetTexts())
                   {
                       if (file == req.matches[1])
                       {
                           return res.set_content(text, "text/plain; charset=utf-8");
                       }
                   }
                   Refuse(res, 404, "gcsim serve: no such worksheet");
               });
    server.Get(R"(/results/(.*))", [this](const httplib::Request& req, httplib::Response& res)
               { ServeFile(req.matches[1], res); });
}

/// The stopping signals, blocked in every thread and taken by sigwait().
sigset_t
StopSignals()
{
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1})
    {
        sigaddset(&set, s);
    }
    return set;
}

std::string
UrlOf(const std::string& bind, int port)
{
    std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
    return "http://" + host + ":" + std::to_string(port) + "/";
}

/// Binds \p server to --bind and --port (0: any free port); returns the port. Nothing is
/// made before: a refused address leaves no results folder behind.
int
Bind(httplib::Server& server, const ServeOptions& options)
{
    int port = options.port == 0
                   ? server.bind_to_any_port(options.bind)
                   : (server.bind_to_port(options.bind, options.port) ? options.port : -1);
    if (port <= 0)
    {
        throw InputError("--bind " + options.bind + " --port " + std::to_string(options.port), "",
                         "cannot listen there (the port is taken, or the address is not one of "
                         "this machine's)");
    }
    return port;
}

/// The results folder, made if absent (never emptied), as a canonical path.
std::string
ResultsRoot(const std::string& out)
{
    std::error_code ec;
    fs::create_directories(out, ec);
    if (!fs::is_directory(out, ec))
    {
        throw InputError("--out " + out, "", "cannot make this folder for the results");
    }
    return fs::canonical(out).string();
}

} // namespace

int
ServeCommand(const ServeOptions& options, std::ostream& out, std::ostream& err)
{
    httplib::Server server;
    server.set_payload_max_length(64 * 1024);
    server.set_keep_alive_timeout(2); // an idle browser does not hold a thread, nor the stop, long
    const int port = Bind(server, options);
    const std::string root = ResultsRoot(options.out);
    // Before any thread starts: every thread inherits the mask, and only sigwait() takes them.
    const sigset_t stopSignals = StopSignals();
    sigset_t saved;
    pthread_sigmask(SIG_BLOCK, &stopSignals, &saved);
    Playground playground(options, root);
    playground.Route(server);
    out << "gcsim serve: " << UrlOf(options.bind, port) << " (results in " << root
        << "; Ctrl-C stops)" << std::endl;
    std::atomic<bool> stopping{false};
    std::thread listener(
        [&server, &stopping]
        {
            server.listen_after_bind();
            if (!stopping)
            {
                ::kill(::getpid(), SIGUSR1); // ended on its own: wake the sigwait below
            }
        });
    int signal = 0;
    sigwait(&stopSignals, &signal);
    stopping = true;
    playground.Stop(); // the running runs are sent SIGTERM and waited for
    server.stop();
    listener.join();
    pthread_sigmask(SIG_SETMASK, &saved, nullptr);
    if (signal == SIGUSR1)
    {
        err << "gcsim: error: the server stopped listening on " << UrlOf(options.bind, port)
            << '\n';
        return EXIT_INTERNAL;
    }
    out << "gcsim serve: stopped by "
        << (signal == SIGINT    ? "SIGINT"
            : signal == SIGTERM ? "SIGTERM"
                                : "SIGHUP")
        << "; the results in " << root << " are kept" << std::endl;
    return EXIT_OK;
}

} // namespace gcsim
