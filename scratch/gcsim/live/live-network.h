#ifndef GCSIM_LIVE_NETWORK_H
#define GCSIM_LIVE_NETWORK_H

#include "scratch/gcsim/output/interrupt.h"
#include "scratch/gcsim/scenario.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace gcsim
{

/// One host of a live network: P1 or a client, in its own network namespace.
struct LiveHost
{
    uint32_t client{0};  //!< 0 for P1, n for client n
    std::string name;    //!< "P1", "C3": as links.csv names hosts
    std::string netns;   //!< its namespace, gcsim-live-<pid>-p1, gcsim-live-<pid>-c3
    std::string port;    //!< the switch's end of its veth pair: "p1", "c3"
    std::string address; //!< its IPv4 address: 10.0.0.1 for P1, 10.0.0.(n + 1) for client n
    std::string mac;     //!< its eth0's address, fixed so that ARP and the switch are pre-filled
};

/// What the switch counted on one host's port: the experiment's UDP datagrams only.
struct LivePortCounts
{
    uint64_t framesIn{0};    //!< frames the host put on its link (switch ingress)
    uint64_t bytesIn{0};     //!< their IP bytes
    uint64_t framesOut{0};   //!< frames the switch sent the host
    uint64_t bytesOut{0};    //!< their IP bytes
    uint64_t groupFrames{0}; //!< of framesOut, those to the group address
};

/**
 * \brief A scenario's lan or star as real Linux network stacks: one network namespace per
 * host, a veth pair from each into a Linux bridge in a namespace of its own, shaped with tbf.
 *
 * `lan` is a bridge without IGMP snooping (a shared segment floods every group frame to
 * every host) and shapes only the hosts' sending side (one transmission per frame, as on a
 * segment); `star` is a bridge with IGMP snooping as topology.igmp_snooping says (the bridge
 * is the querier, so it forwards a group's frames only to ports that reported members) and
 * shapes both directions of every port (store and forward). ARP caches and the bridge's
 * forwarding table are filled before traffic starts, as arp = "static" does in a simulation;
 * the kernel does IGMP. nftables counters on the bridge count the experiment's datagrams
 * (UDP to the group port) per port and direction.
 *
 * Every namespace is named gcsim-live-<pid>-...: the destructor removes them (and with them
 * every link), an interrupt removes them (RemoveOnInterrupt), and RemoveStale() removes those
 * of processes that no longer run (a SIGKILL). Nothing is created in the caller's namespace.
 */
class LiveNetwork
{
public:
    /// Builds \p scenario's network; throws std::runtime_error naming the command that failed.
    explicit LiveNetwork(const Scenario& scenario);
    ~LiveNetwork();
    LiveNetwork(const LiveNetwork&) = delete;
    LiveNetwork& operator=(const LiveNetwork&) = delete;

    /// P1 first, then clients 1..N.
    const std::vector<LiveHost>& Hosts() const;
    /// The group's address as the live agents and the counters write it: "239.255.0.1".
    const std::string& GroupAddress() const;
    /// The namespaces' names start with this: "gcsim-live-<pid>-".
    const std::string& Prefix() const;

    /// Waits (up to \p seconds) until the bridge has learned, from the hosts' IGMP reports,
    /// every port in \p members (client numbers); returns whether it did.
    bool WaitForMembers(const std::vector<uint32_t>& members, double seconds) const;
    /// Sets every counter to zero.
    void ResetCounters() const;
    /// Counts per host, P1 first.
    std::vector<LivePortCounts> ReadCounters() const;
    /// Packets the tbf queues dropped since the network was built, over every host and port.
    uint64_t QueueDrops() const;

    /// Removes the namespaces of gcsim-live processes that are gone; returns how many.
    static uint32_t RemoveStale();
    /// The namespaces named gcsim-live-* now, of any process.
    static std::vector<std::string> Leftovers();

private:
    /// Runs \p program with \p args (argv[0] excluded); throws if it fails.
    std::string Run(const std::string& program, const std::vector<std::string>& args) const;
    /// Runs `ip`/`tc`/`bridge` (\p program) in namespace \p netns ("" the caller's) on the
    /// commands in \p lines, one per line, through -batch.
    void Batch(const std::string& program, const std::string& netns,
               const std::vector<std::string>& lines) const;
    void CreateNamespaces();
    void BuildSwitch(bool snooping);
    void ConfigureHosts();
    void Shape();
    void InstallCounters();
    void Remove();

    const Scenario& m_scenario;
    std::string m_group; //!< the group's address, dotted
    std::string m_prefix;
    std::string m_switch; //!< the bridge's namespace
    std::vector<LiveHost> m_hosts;
    std::string m_scratch; //!< a folder for batch files
    std::vector<RemoveOnInterrupt> m_guards;
    std::vector<std::string> m_created; //!< namespaces made, to remove
};

} // namespace gcsim

#endif
