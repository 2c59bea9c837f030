#include "compare.h"

#include "models/network/text-file.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/scenario.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace gcsim
{

namespace
{

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr uint64_t kMaxFile = uint64_t(1) << 30;

/// One results folder as `gcsim compare` reads it.
struct Folder
{
    std::string dir;
    json summary;
    std::string table;
    /// mode -> (link, from, to) -> frames, in the file's order
    std::map<std::string, std::vector<std::pair<std::string, uint64_t>>> links;
    json live; //!< live.json, or null
};

std::string
Read(const fs::path& file, bool required)
{
    try
    {
        return ns3::gcsim::ReadTextFile(file.string(), kMaxFile);
    }
    catch (const std::invalid_argument& e)
    {
        if (!required)
        {
            return "";
        }
        throw InputError(file.string(), "",
                         std::string(e.what()) + " (a results folder of "
                                                 "`gcsim run` or `gcsim live`)");
    }
}

/// links.csv: "mode,link,from,to,frames,bytes,lost" rows.
void
ReadLinks(Folder& f)
{
    fs::path file = fs::path(f.dir) / "links.csv";
    std::istringstream in(Read(file, true));
    std::string line;
    std::getline(in, line); // the header
    uint32_t number = 1;
    while (std::getline(in, line))
    {
        ++number;
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
        {
            cells.push_back(cell);
        }
        if (cells.size() < 5)
        {
            throw InputError(file.string() + ":" + std::to_string(number), "",
                             "a links.csv row has mode,link,from,to,frames,...");
        }
        f.links[cells[0]].emplace_back(cells[1] + " " + cells[2] + "->" + cells[3],
                                       std::stoull(cells[4]));
    }
}

Folder
ReadFolder(const std::string& dir)
{
    if (!IsRunFolder(dir))
    {
        throw InputError((fs::path(dir) / "summary.json").string(), "",
                         "not a results folder of `gcsim run` or `gcsim live` (no summary.json "
                         "with modes)");
    }
    Folder f;
    f.dir = dir;
    f.summary = json::parse(Read(fs::path(dir) / "summary.json", true));
    f.table = Read(fs::path(dir) / "table.txt", false);
    ReadLinks(f);
    std::string live = Read(fs::path(dir) / "live.json", false);
    f.live = live.empty() ? json() : json::parse(live, nullptr, false);
    return f;
}

uint64_t
Count(const json& mode, const char* key)
{
    return mode.contains(key) && mode[key].is_number() ? mode[key].get<uint64_t>() : 0;
}

int64_t
Latency(const json& mode, const char* key)
{
    return mode.contains("latency_ns") ? mode["latency_ns"].value(key, int64_t{0}) : 0;
}

void
CompareMode(const Folder& sim, const Folder& live, const std::string& mode, Comparison& c)
{
    const json& s = sim.summary["modes"][mode];
    const json& l = live.summary["modes"][mode];
    std::map<std::string, uint64_t> liveLinks;
    for (const auto& [link, frames] :
         live.links.count(mode) ? live.links.at(mode) : decltype(live.links)::mapped_type{})
    {
        liveLinks[link] = frames;
    }
    for (const auto& [link, frames] :
         sim.links.count(mode) ? sim.links.at(mode) : decltype(sim.links)::mapped_type{})
    {
        c.exact.push_back({mode, "frames on " + link, frames, liveLinks[link]});
        liveLinks.erase(link);
    }
    for (const auto& [link, frames] : liveLinks)
    {
        c.exact.push_back({mode, "frames on " + link, 0, frames}); // a link only live has
    }
    for (const auto& [key, name] : std::vector<std::pair<const char*, const char*>>{
             {"source_packets", "P1 packets"},
             {"source_bytes", "P1 bytes"},
             {"nonmember_receptions", "non-member receptions"},
             {"nic_filtered", "NIC-filtered frames"}})
    {
        c.exact.push_back({mode, name, Count(s, key), Count(l, key)});
    }
    LatencyPair p{mode,
                  Latency(s, "p50"),
                  Latency(l, "p50"),
                  Latency(s, "p95"),
                  Latency(l, "p95"),
                  Latency(s, "p99"),
                  Latency(l, "p99"),
                  Latency(s, "max"),
                  Latency(l, "max")};
    if (live.live.is_object() && live.live.contains("send_lateness_ns") &&
        live.live["send_lateness_ns"].contains(mode))
    {
        p.liveLateMean = live.live["send_lateness_ns"][mode].value("mean", int64_t{-1});
        p.liveLateMax = live.live["send_lateness_ns"][mode].value("max", int64_t{-1});
    }
    c.latency.push_back(p);
}

std::string
Us(int64_t ns)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", double(ns) / 1000.0);
    return text;
}

} // namespace

bool
Comparison::Agrees() const
{
    for (const Agreement& a : exact)
    {
        if (!a.Agrees())
        {
            return false;
        }
    }
    return true;
}

Comparison
CompareFolders(const std::string& simDir, const std::string& liveDir)
{
    Folder sim = ReadFolder(simDir);
    Folder live = ReadFolder(liveDir);
    Comparison c;
    for (const auto& [mode, value] : sim.summary["modes"].items())
    {
        if (live.summary["modes"].contains(mode))
        {
            c.modes.push_back(mode);
            CompareMode(sim, live, mode, c);
        }
    }
    if (live.live.is_object())
    {
        c.liveClockResolutionNs = live.live.value("clock_resolution_ns", int64_t{0});
    }
    return c;
}

int
CompareCommand(const std::string& simDir, const std::string& liveDir, std::ostream& out)
{
    Comparison c = CompareFolders(simDir, liveDir);
    out << "simulated: " << simDir << "\n\n"
        << Read(fs::path(simDir) / "table.txt", false) << "\nlive: " << liveDir << "\n\n"
        << Read(fs::path(liveDir) / "table.txt", false) << '\n';
    out << "Exact agreement (frames per link, P1 packets and bytes, non-member receptions, "
           "NIC-filtered frames):\n";
    char line[256];
    for (const std::string& mode : c.modes)
    {
        uint32_t links = 0, linksAgreeing = 0;
        for (const Agreement& a : c.exact)
        {
            if (a.mode != mode)
            {
                continue;
            }
            bool link = a.quantity.rfind("frames on ", 0) == 0;
            links += link;
            linksAgreeing += link && a.Agrees();
            if (!link || !a.Agrees())
            {
                std::snprintf(line, sizeof line, "  %-20s %-34s sim %10llu  live %10llu  %s\n",
                              mode.c_str(), a.quantity.c_str(), (unsigned long long)a.sim,
                              (unsigned long long)a.live, a.Agrees() ? "agree" : "DIFFER");
                out << line;
            }
        }
        std::snprintf(line, sizeof line, "  %-20s frames per link: %u of %u links agree\n",
                      mode.c_str(), linksAgreeing, links);
        out << line;
    }
    out << "\nLatency, compared as distributions, not asserted equal (us; live clock resolution "
        << c.liveClockResolutionNs
        << " ns, receive times stamped by the kernel):\n"
           "  mode                 sim p50  live p50   sim p95  live p95   sim p99  live p99   "
           "sim max  live max  live sends late by (mean, max)\n";
    for (const LatencyPair& p : c.latency)
    {
        std::string late = p.liveLateMean < 0 ? "-" : Us(p.liveLateMean) + ", " + Us(p.liveLateMax);
        std::snprintf(line, sizeof line, "  %-18s %9s %9s %9s %9s %9s %9s %9s %9s  %s\n",
                      p.mode.c_str(), Us(p.simP50).c_str(), Us(p.liveP50).c_str(),
                      Us(p.simP95).c_str(), Us(p.liveP95).c_str(), Us(p.simP99).c_str(),
                      Us(p.liveP99).c_str(), Us(p.simMax).c_str(), Us(p.liveMax).c_str(),
                      late.c_str());
        out << line;
    }
    bool agree = c.Agrees();
    out << '\n' << (agree ? "every exact quantity agrees" : "some exact quantities DIFFER") << '\n';
    return agree ? 0 : 1;
}

} // namespace gcsim
