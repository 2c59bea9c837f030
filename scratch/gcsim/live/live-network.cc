#include "live-network.h"

#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/child-process.h"
#include "scratch/gcsim/output/text-format.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/mount.h>
#include <thread>
#include <unistd.h>

namespace gcsim
{

namespace
{

namespace fs = std::filesystem;

const char* kNetnsDir = "/run/netns";
const char* kPrefix = "gcsim-live-";
constexpr int kQueryResponseCs = 20; //!< the bridge's query response interval, 1/100 s

/// "02:67:63:00:HH:LL" for host \p i (0: P1): locally administered, fixed, unique.
std::string
HostMac(uint32_t i)
{
    char mac[32];
    std::snprintf(mac, sizeof mac, "02:67:63:00:%02x:%02x", (i >> 8) & 0xff, i & 0xff);
    return mac;
}

/// Removes the named namespace at \p name (its bind mount and file): the namespace and its
/// links go once nothing else holds it.
void
DeleteNamespace(const std::string& name)
{
    std::string path = std::string(kNetnsDir) + "/" + name;
    ::umount2(path.c_str(), MNT_DETACH);
    ::unlink(path.c_str());
}

/// The pid in "gcsim-live-<pid>-...", or 0.
pid_t
OwnerPid(const std::string& name)
{
    if (name.rfind(kPrefix, 0) != 0)
    {
        return 0;
    }
    return static_cast<pid_t>(std::strtol(name.c_str() + std::strlen(kPrefix), nullptr, 10));
}

/// tbf at \p bps: a frame counts with its FCS (4 bytes) and at least 64 bytes, as on a wire;
/// the bucket holds one full frame; the queue about 100 of them (a simulated device's).
std::string
TbfLine(const std::string& dev, uint64_t bps)
{
    return "qdisc add dev " + dev + " root stab overhead 4 mpu 64 tbf rate " + std::to_string(bps) +
           "bit burst 1600 limit 160000";
}

/// \p program's path; throws if it is not installed.
std::string
Program(const std::string& program)
{
    std::string path = FindProgram(program);
    if (path.empty())
    {
        path = FindProgram("/usr/sbin/" + program); // PATH without the sbin folders
    }
    if (path.empty())
    {
        throw std::runtime_error(program + " not found: gcsim live needs iproute2 and nftables "
                                           "(scripts/setup.sh installs them)");
    }
    return path;
}

} // namespace

LiveNetwork::LiveNetwork(const Scenario& scenario)
  : m_scenario(scenario)
  , m_group(
        [&]
        {
            std::ostringstream g;
            scenario.group.address.Print(g);
            return g.str();
        }())
  , m_prefix(std::string(kPrefix) + std::to_string(::getpid()) + "-")
  , m_switch(m_prefix + "sw")
{
    const uint32_t clients = scenario.topology.clients;
    for (uint32_t i = 0; i <= clients; ++i)
    {
        LiveHost h;
        h.client = i;
        h.name = i == 0 ? "P1" : "C" + std::to_string(i);
        h.port = i == 0 ? "p1" : "c" + std::to_string(i);
        h.netns = m_prefix + h.port;
        h.address = "10.0.0." + std::to_string(i + 1);
        h.mac = HostMac(i + 1);
        m_hosts.push_back(h);
    }
    for (const char* program : {"ip", "tc", "bridge", "nft"})
    {
        Program(program); // all there before anything is made
    }
    m_scratch = (fs::temp_directory_path() / (m_prefix + "batch")).string();
    fs::create_directories(m_scratch);
    m_guards.emplace_back(m_scratch, RemoveOnInterrupt::TREE);
    try
    {
        CreateNamespaces();
        bool snooping = scenario.topology.kind == "star" && scenario.topology.igmpSnooping;
        auto querierFrom = std::chrono::steady_clock::now();
        BuildSwitch(snooping);
        ConfigureHosts();
        Shape();
        InstallCounters();
        // Five times the interval after the querier was enabled, it exists (kernel timers).
        std::this_thread::sleep_until(querierFrom +
                                      std::chrono::milliseconds(50 * kQueryResponseCs));
    }
    catch (...)
    {
        Remove();
        throw;
    }
}

LiveNetwork::~LiveNetwork()
{
    Remove();
}

void
LiveNetwork::Remove()
{
    DeferInterrupts defer; // a namespace is either listed to remove or removed
    for (const std::string& name : m_created)
    {
        DeleteNamespace(name);
    }
    m_created.clear();
    std::error_code ec;
    fs::remove_all(m_scratch, ec);
    m_guards.clear();
}

const std::vector<LiveHost>&
LiveNetwork::Hosts() const
{
    return m_hosts;
}

const std::string&
LiveNetwork::GroupAddress() const
{
    return m_group;
}

const std::string&
LiveNetwork::Prefix() const
{
    return m_prefix;
}

std::string
LiveNetwork::Run(const std::string& program, const std::vector<std::string>& args) const
{
    std::string path = Program(program);
    ChildSpec spec;
    spec.program = path;
    spec.args = {program};
    spec.args.insert(spec.args.end(), args.begin(), args.end());
    spec.stdinFromNull = true;
    auto [code, output] = RunCapturingOutput(spec, program);
    if (code != 0)
    {
        throw std::runtime_error("`" + program + " " + Join(args, " ") + "` failed (exit " +
                                 std::to_string(code) + "): " + output);
    }
    return output;
}

void
LiveNetwork::Batch(const std::string& program, const std::string& netns,
                   const std::vector<std::string>& lines) const
{
    std::string file = m_scratch + "/" + program + "-" + (netns.empty() ? "root" : netns);
    {
        std::ofstream f(file, std::ios::trunc);
        for (const std::string& line : lines)
        {
            f << line << '\n';
        }
    }
    std::vector<std::string> args;
    if (!netns.empty())
    {
        args = {"-n", netns};
    }
    args.insert(args.end(), {"-batch", file});
    Run(program, args);
}

void
LiveNetwork::CreateNamespaces()
{
    std::vector<std::string> names{m_switch};
    for (const LiveHost& h : m_hosts)
    {
        names.push_back(h.netns);
    }
    for (const std::string& name : names)
    {
        {
            DeferInterrupts defer; // made and listed, or neither
            Run("ip", {"netns", "add", name});
            m_created.push_back(name);
            m_guards.emplace_back(std::string(kNetnsDir) + "/" + name,
                                  RemoveOnInterrupt::MOUNT_POINT);
        }
    }
}

void
LiveNetwork::BuildSwitch(bool snooping)
{
    std::string s = snooping ? "1" : "0";
    // The bridge forwards a group's frames by what it learned only while a querier exists; its
    // own counts as one a query response interval after it is enabled (the kernel waits that
    // long for another querier), so the interval is short and the querier is enabled first.
    std::vector<std::string> lines{
        "link set lo up",
        "link add name br0 type bridge mcast_snooping " + s + " mcast_query_response_interval " +
            std::to_string(kQueryResponseCs),
        "link set br0 type bridge mcast_querier " + s, "link set br0 up"};
    for (const LiveHost& h : m_hosts)
    {
        lines.push_back("link add name " + h.port + " type veth peer name eth0 address " + h.mac +
                        " netns " + h.netns);
        lines.push_back("link set " + h.port + " master br0");
        lines.push_back("link set " + h.port + " up");
    }
    Batch("ip", m_switch, lines);
    std::vector<std::string> fdb;
    for (const LiveHost& h : m_hosts)
    {
        fdb.push_back("fdb add " + h.mac + " dev " + h.port + " master static");
    }
    Batch("bridge", m_switch, fdb);
}

void
LiveNetwork::ConfigureHosts()
{
    for (const LiveHost& h : m_hosts)
    {
        std::vector<std::string> lines{"link set lo up",
                                       "addr add " + h.address + "/24 broadcast + dev eth0",
                                       "link set eth0 up", "route add default dev eth0"};
        for (const LiveHost& other : m_hosts)
        {
            if (other.client != h.client)
            {
                lines.push_back("neigh replace " + other.address + " lladdr " + other.mac +
                                " dev eth0 nud permanent");
            }
        }
        Batch("ip", h.netns, lines);
    }
}

void
LiveNetwork::Shape()
{
    auto bps = static_cast<uint64_t>(m_scenario.topology.dataRate.GetBitRate());
    for (const LiveHost& h : m_hosts)
    {
        Batch("tc", h.netns, {TbfLine("eth0", bps)});
    }
    if (m_scenario.topology.kind == "star")
    {
        std::vector<std::string> lines;
        for (const LiveHost& h : m_hosts)
        {
            lines.push_back(TbfLine(h.port, bps));
        }
        Batch("tc", m_switch, lines);
    }
}

void
LiveNetwork::InstallCounters()
{
    std::string port = std::to_string(m_scenario.group.port);
    const std::string& group = m_group;
    std::string rules = "table bridge gcsim {\n";
    std::string in = "  chain in { type filter hook prerouting priority 0; policy accept;\n";
    std::string out = "  chain out { type filter hook forward priority 0; policy accept;\n";
    for (const LiveHost& h : m_hosts)
    {
        for (const char* c : {"in_", "out_", "grp_"})
        {
            rules += "  counter " + std::string(c) + h.port + " {}\n";
        }
        std::string udp = " udp dport " + port + " counter name ";
        in += "    iifname \"" + h.port + "\"" + udp + "\"in_" + h.port + "\"\n";
        out += "    oifname \"" + h.port + "\"" + udp + "\"out_" + h.port + "\"\n";
        out +=
            "    oifname \"" + h.port + "\" ip daddr " + group + udp + "\"grp_" + h.port + "\"\n";
    }
    rules += in + "  }\n" + out + "  }\n}\n";
    std::string file = m_scratch + "/counters.nft";
    std::ofstream(file, std::ios::trunc) << rules;
    Run("ip", {"netns", "exec", m_switch, "nft", "-f", file});
}

void
LiveNetwork::ResetCounters() const
{
    Run("ip", {"netns", "exec", m_switch, "nft", "reset", "counters", "table", "bridge", "gcsim"});
}

std::vector<LivePortCounts>
LiveNetwork::ReadCounters() const
{
    auto j = nlohmann::json::parse(Run("ip", {"netns", "exec", m_switch, "nft", "-j", "list",
                                              "counters", "table", "bridge", "gcsim"}));
    std::map<std::string, std::pair<uint64_t, uint64_t>> byName;
    for (const auto& item : j.at("nftables"))
    {
        if (item.contains("counter"))
        {
            const auto& c = item.at("counter");
            byName[c.at("name").get<std::string>()] = {c.at("packets").get<uint64_t>(),
                                                       c.at("bytes").get<uint64_t>()};
        }
    }
    std::vector<LivePortCounts> counts;
    for (const LiveHost& h : m_hosts)
    {
        LivePortCounts c;
        std::tie(c.framesIn, c.bytesIn) = byName["in_" + h.port];
        std::tie(c.framesOut, c.bytesOut) = byName["out_" + h.port];
        c.groupFrames = byName["grp_" + h.port].first;
        counts.push_back(c);
    }
    return counts;
}

uint64_t
LiveNetwork::QueueDrops() const
{
    uint64_t drops = 0;
    auto add = [&drops](const std::string& text)
    {
        for (const auto& q : nlohmann::json::parse(text))
        {
            if (q.value("kind", "") == "tbf")
            {
                drops += q.value("drops", uint64_t{0});
            }
        }
    };
    for (const LiveHost& h : m_hosts)
    {
        add(Run("tc", {"-n", h.netns, "-s", "-j", "qdisc", "show", "dev", "eth0"}));
    }
    if (m_scenario.topology.kind == "star")
    {
        add(Run("tc", {"-n", m_switch, "-s", "-j", "qdisc", "show"}));
    }
    return drops;
}

bool
LiveNetwork::WaitForMembers(const std::vector<uint32_t>& members, double seconds) const
{
    const std::string& group = m_group;
    std::set<std::string> wanted;
    for (uint32_t m : members)
    {
        wanted.insert(m_hosts.at(m).port);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (true)
    {
        std::set<std::string> learned;
        for (const auto& bridge :
             nlohmann::json::parse(Run("bridge", {"-n", m_switch, "-j", "mdb", "show"})))
        {
            for (const auto& entry : bridge.value("mdb", nlohmann::json::array()))
            {
                if (entry.value("grp", "") == group)
                {
                    learned.insert(entry.value("port", ""));
                }
            }
        }
        if (std::includes(learned.begin(), learned.end(), wanted.begin(), wanted.end()))
        {
            return true;
        }
        if (std::chrono::steady_clock::now() > deadline)
        {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::vector<std::string>
LiveNetwork::Leftovers()
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(kNetnsDir, ec))
    {
        std::string name = e.path().filename().string();
        if (name.rfind(kPrefix, 0) == 0)
        {
            names.push_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

uint32_t
LiveNetwork::RemoveStale()
{
    uint32_t removed = 0;
    for (const std::string& name : Leftovers())
    {
        pid_t pid = OwnerPid(name);
        if (ProcessGone(pid)) // a zombie too: it holds nothing
        {
            DeleteNamespace(name);
            std::error_code ec;
            fs::remove_all(fs::temp_directory_path() /
                               (std::string(kPrefix) + std::to_string(pid) + "-batch"),
                           ec);
            ++removed;
        }
    }
    return removed;
}

} // namespace gcsim
