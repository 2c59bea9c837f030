#ifndef GCSIM_SCENARIO_H
#define GCSIM_SCENARIO_H

#include "models/multicast/multicast-routing.h"
#include "models/network/network.h"
#include "models/ordering/ordering-agent.h"

#include <ns3/ipv4-address.h>
#include <ns3/nstime.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gcsim
{

/**
 * \brief Bad input: says where (file and line, or the --set option) and which key.
 *
 * what() is the whole message: "FILE:LINE: KEY: what is wrong; what is accepted", each part
 * made Printable(): a value the user gave may hold any bytes and be of any length.
 */
class InputError : public std::runtime_error
{
public:
    InputError(const std::string& where, const std::string& key, const std::string& message);
};

/**
 * \p text as it may go to a terminal or a log: control bytes (NUL, ESC, ...), C1 and bidi
 * controls and bytes that are not UTF-8 escaped (\x1b, \u{202e}); text longer than \p limit
 * bytes keeps its head and tail around "[... N bytes left out ...]".
 */
std::string Printable(const std::string& text, std::size_t limit = 1000);

/// One line of a replay transcript: a client's message, or P1's reply to that client.
struct TranscriptLine
{
    bool reply{false}; //!< false: client -> P1; true: P1 -> client
    uint32_t client{1};
    std::string text;
};

/// How a run's joins and leaves reach the network (membership.model).
enum class MembershipKind
{
    INSTANT, //!< the routes change at the instant of the event
    IGMP,    //!< hosts report, routers query (IgmpMembership)
};

/// A run's repair of lost messages (reliability.repair, and ARQ for replicated unicast).
enum class Repair
{
    NONE,
    NAK,              //!< NAK repair with SRM's suppression
    NAK_UNSUPPRESSED, //!< every member that misses a message NAKs it
    ARQ,              //!< per-member ACKs and retransmissions (replicated unicast)
};

/// The names scenarios and run labels give them.
std::string MembershipKindName(MembershipKind kind);
std::string RepairName(Repair repair);

/// A scenario as resolved after overrides and validation: everything a run needs.
struct Scenario
{
    std::string source; //!< the file it came from ("(built in) ..." for the default)
    std::string name;
    std::string description;
    uint32_t seed{1};
    uint32_t run{1};
    bool swept{false}; //!< the file has a [sweep] table, which a single run ignores

    ns3::gcsim::TopologyConfig topology;

    struct Group
    {
        ns3::Ipv4Address address{"239.255.0.1"};
        uint16_t port{20001};
        std::vector<uint32_t> members; //!< ascending client numbers
        /// The client unicast sends to: group.target, or drawn among the members.
        uint32_t target{1};
        /// "nearest" or "farthest": the member with the fewest or most hops from P1,
        /// chosen when the network is built (target then unused); "" otherwise.
        std::string targetRule;
    } group;

    /**
     * group.count groups at once, each with its members and senders ([group] count,
     * placement, senders_per_group: groups-section.cc).
     */
    struct Groups
    {
        uint32_t count{1};               //!< G
        std::string placement{"random"}; //!< how groups 2..G get members: "random" or "same"
        uint32_t sendersPerGroup{1};     //!< P1 and sendersPerGroup - 1 members send to each
        bool given{false};               //!< [group] sets one of the three
        uint16_t port{20002};            //!< their GroupSources' and GroupSinks' port: port + 1

        /// One group: its address, members and the clients that send to it besides P1.
        struct One
        {
            ns3::Ipv4Address address;
            std::vector<uint32_t> members; //!< ascending client numbers
            std::vector<uint32_t> senders; //!< ascending, drawn among the members
        };
        /// Group k + 1 at k: address group.address + k; the first is [group]'s own.
        std::vector<One> all;

        /// Several groups or senders: GroupSources and GroupSinks run beside P1's server.
        bool Many() const
        {
            return count > 1 || sendersPerGroup > 1;
        }
    } groups;

    struct Traffic
    {
        std::string pattern{"group"}; //!< "group", "replay" or "throughput"
        uint32_t messages{10};
        ns3::Time interval{ns3::MilliSeconds(10)};
        uint32_t size{1024}; //!< UDP payload bytes
        ns3::Time start{ns3::Seconds(1)};
        ns3::Time drain{ns3::Seconds(10)}; //!< simulated time after the last send
        std::string transcript;            //!< path as resolved (replay)
        std::vector<TranscriptLine> lines;
        // throughput: the search over offered rates (messages per second), see throughput.h
        double rateMin{10};         //!< the first rate tried
        double rateMax{1e6};        //!< the highest rate tried
        double ratePrecision{0.02}; //!< bisection stops when bad / good <= 1 + this
    } traffic;

    struct Delivery
    {
        std::vector<std::string> modes;
        std::string multicastRouting{"source-tree"}; //!< the first of multicastRoutings
        std::vector<std::string> multicastRoutings{"source-tree"}; //!< one multicast run each
        std::string arp{"static"};
        int64_t rendezvous{-1};    //!< shared tree: router index, -1 for the rule
        uint32_t overlayFanout{2}; //!< overlay: children per node
        /// dense: how long an upstream router keeps a pruned interface pruned
        ns3::Time pruneLifetime{ns3::Seconds(3)};
        /// probabilistic (kind adhoc): the chance a node rebroadcasts a datagram. 0.65 after
        /// Haas, Halpern and Li (2002): gossip near that value reaches almost every node.
        double floodProbability{0.65};
    } delivery;

    /// [gossip]: how the gossip modes (push, pull, push-pull, rumour, lazy-push) spread P1's
    /// messages; read only when delivery.modes names one.
    struct Gossip
    {
        bool used{false};   //!< delivery.modes names a gossip mode
        bool given{false};  //!< the scenario has a [gossip] table
        double fanout{1};   //!< peers per push or pull
        uint32_t rounds{0}; //!< given: every mode's round limit; 0: each mode's default
        uint32_t k{0};      //!< given: push's copies limit and rumour's counter; 0: defaults
        ns3::Time round{ns3::MilliSeconds(10)}; //!< 0: event-driven (push only)
        std::string view{"full"};               //!< GossipView kind
        uint32_t viewSize{6};                   //!< partial, regular
        std::string rumour{"feedback"};         //!< or "blind"
        double crashed{0};                      //!< fraction of the members that crash
        ns3::Time crashAt;                      //!< when they crash (default traffic.start)
        std::vector<uint32_t> crashedClients;   //!< drawn from (seed, run), ascending

        /// The round limit mode \p mode runs with (0: none) for a population of \p n.
        uint32_t RoundsFor(const std::string& mode, uint32_t n) const;
        /// The k mode \p mode runs with (0: none).
        uint32_t KFor(const std::string& mode) const;
    } gossip;

    /**
     * The runs to simulate, one per mode, in order; with several multicast routing variants
     * the multicast mode runs once per variant, labelled "multicast/<variant>"; with several
     * membership models each of those runs once per model, labelled "<run>+<model>". A label is
     * `mode[/routing][+option...]`; RunOf() reads one back.
     */
    std::vector<std::string> Runs() const;

    /// One run of a scenario: a delivery mode and the options it runs with.
    struct RunSpec
    {
        std::string label; //!< as tables and files name it
        std::string mode;  //!< a delivery mode, by its name in DeliveryModeTable()
        ns3::gcsim::MulticastRouting routing{ns3::gcsim::MulticastRouting::SOURCE_TREE};
        /// How joins and leaves reach the network (scenarios with [membership]).
        MembershipKind membership{MembershipKind::INSTANT};
        /// Reliable delivery ([reliability]): NAK repair (multicast) or ARQ
        /// (replicated-unicast).
        Repair repair{Repair::NONE};
        /// The delivery order of the senders' messages: set for the multicast runs of a
        /// scenario with [ordering], empty otherwise.
        std::optional<ns3::gcsim::DeliveryOrder> order;
    };

    /**
     * What run \p label means: its mode, the variant after '/', and each '+' option; what
     * the label leaves out is the scenario's first choice. InputError if an option is unknown.
     */
    RunSpec RunOf(const std::string& label) const;

    /**
     * The group's members at simulated time \p t, ascending: group.members with every
     * membership event at or before \p t applied (an event at the instant of a send comes
     * before it).
     */
    std::vector<uint32_t> MembersAt(ns3::Time t) const;
    /// Every client that is a member at some time of the run, ascending.
    std::vector<uint32_t> EverMembers() const;

    /// Membership over time ([membership]); without it the group is group.members throughout.
    struct Membership
    {
        bool given{false};            //!< the scenario has a [membership] table
        std::string model{"instant"}; //!< how joins and leaves reach the network: models[0]
        /// membership.model as a list: with several, every run runs once per model.
        std::vector<std::string> models{"instant"};

        /// The igmp model's timers (RFC 2236's names and meanings; defaults are the RFC's
        /// divided by 100, to fit runs of seconds).
        struct Igmp
        {
            ns3::Time queryInterval{ns3::MilliSeconds(1250)};
            ns3::Time queryResponseInterval{ns3::MilliSeconds(100)};
            ns3::Time lastMemberQueryInterval{ns3::MilliSeconds(10)};
            uint32_t robustness{2};
            ns3::Time unsolicitedReportInterval{ns3::MilliSeconds(100)};
        } igmp;

        /// A client joins or leaves the group.
        struct Event
        {
            ns3::Time at;
            uint32_t client{1};
            bool join{true};
        };
        std::vector<Event> events; //!< membership.events, as listed

        /// Generated churn: a seeded Poisson process of joins and leaves.
        struct Churn
        {
            bool given{false};
            double rate{0};                //!< events per second
            uint32_t seed{1};              //!< its own generator's seed
            ns3::Time start;               //!< first instant an event may fall on
            ns3::Time stop;                //!< events fall before this
            std::vector<uint32_t> clients; //!< who churns, ascending (empty: every client)
        } churn;

        /// The listed and generated events merged in time order (listed first at equal
        /// times), each a real change of membership: what the runs apply.
        std::vector<Event> schedule;
    } membership;

    /**
     * Reliable delivery ([reliability]): NAK repair with SRM timers for multicast, per-receiver
     * ARQ for replicated unicast. Each listed repair is one run of each mode it applies to.
     */
    struct Reliability
    {
        bool given{false};                       //!< the scenario has a [reliability] table
        std::vector<std::string> repairs{"nak"}; //!< "none", "nak", "nak-unsuppressed"
        double requestC1{2};                     //!< request back-off low end, in d
        double requestC2{2};                     //!< request back-off width, in d
        double repairD1{1};                      //!< repair back-off low end, in d
        double repairD2{1};                      //!< repair back-off width, in d
        ns3::Time sessionInterval{ns3::MilliSeconds(10)}; //!< P1's session messages, apart
        uint32_t sessionMessages{3};                      //!< after P1's last message
        ns3::Time arqTimeout{ns3::MilliSeconds(10)};      //!< ARQ retransmission timeout
        uint32_t arqMaxTries{10}; //!< ARQ transmissions per member and message, first included
    } reliability;
    /// Several senders and the order their messages are delivered in ([ordering]).
    struct Ordering
    {
        bool given{false};               //!< the scenario has an [ordering] table
        std::vector<uint32_t> senders;   //!< clients that multicast to the group, as listed
        std::vector<std::string> orders; //!< one multicast run each: none, fifo, total
        ns3::Time offset;                //!< sender i (from 0) starts i x offset late
        ns3::Time jitter;                //!< each send is late by a uniform [0, jitter)
        uint32_t seed{1};                //!< the jitter's own generator's seed
        uint16_t sequencerPort{20002};   //!< P1's sequencer: group.port + 1

        /// Per sender (as listed): when each of its traffic.messages messages leaves.
        std::vector<std::vector<ns3::Time>> sendTimes;
    } ordering;

    /// [background]: unicast cross traffic between hosts.
    struct Background
    {
        struct Flow
        {
            uint32_t from{1}; //!< 0: P1, n: client n
            uint32_t to{2};
            bool tcp{false}; //!< TCP as fast as it goes (BulkSend); else UDP at `rate`
            ns3::DataRate rate{"1Mbps"};
        };
        std::vector<Flow> flows;     //!< listed and drawn (random_pairs)
        std::string protocol{"udp"}; //!< of drawn pairs and flows without their own
        ns3::DataRate rate{"1Mbps"}; //!< the same
        uint32_t size{1000};         //!< UDP payload bytes of each packet; TCP segment size
        ns3::Time start{0};          //!< when the flows start; they run to the end of the run
    } background;

    /**
     * A link or router that fails or comes back during the run ([[failures]]): from `at`
     * frames on it are lost (or pass again); `reconvergence` later, unicast routes and the
     * multicast trees are computed again without it (with it).
     */
    struct Failure
    {
        ns3::Time at;
        std::string link;   //!< "R3-R7": the links between two routers; "" for a router
        int64_t router{-1}; //!< a router's index; -1 for a link
        bool down{true};    //!< action "down"; false: "up"
        ns3::Time reconvergence{ns3::MilliSeconds(100)}; //!< until routing reconverges
        std::string where; //!< FILE:LINE of the entry's link, for checks on the built network
        std::string key;   //!< "failures[0].link"
        /// "link R3-R7 down", "router R2 up".
        std::string What() const;
    };
    std::vector<Failure> failures; //!< in time order

    struct Output
    {
        bool pcap{false};
        bool netanim{false};
        /// Split each copy's latency into its parts (deliveries.csv, summary.json).
        bool latencyBreakdown{true};
        /// Count the routers' multicast forwarding state (summary.json, the table).
        bool forwardingState{false};
    } output;
};

/// How far a scenario may go.
struct ScenarioLimits
{
    /// Accept a run estimated above kMaxRunSeconds of wall-clock time or kMaxOutputBytes of
    /// results (--allow-large); the memory limit holds regardless.
    bool allowLarge{false};
};

/**
 * Reads, overrides and validates a scenario file. Every error is an InputError; nothing
 * is simulated or written here.
 * \param overrides "key.path=value" strings from --set, applied in order
 */
Scenario LoadScenario(const std::string& path, const std::vector<std::string>& overrides,
                      const ScenarioLimits& limits = {});
/// The same, from text already in memory; \p sourceName names it in messages.
Scenario ParseScenario(const std::string& text, const std::string& sourceName,
                       const std::string& baseDir, const std::vector<std::string>& overrides,
                       const ScenarioLimits& limits = {});
/// The text of scenario file \p path; InputError if it cannot be read.
std::string ReadScenarioText(const std::string& path);
/// The built-in default scenario (scenarios/lan-modes.toml at build time).
const std::string& DefaultScenarioText();

/// The scenario as TOML, every key explicit, as written to the results folder. The files it
/// names (a transcript, a map) are named as `transcripts/NAME`, `maps/NAME` beside it: the
/// results folder holds copies there (ScenarioFiles), so it reruns from anywhere and its
/// text does not depend on where the scenario was read from.
std::string ResolvedToml(const Scenario& scenario);

/// `FOLDER/NAME` for file \p path (NAME its file name): how the resolved scenario names it.
std::string ScenarioFilePath(const std::string& folder, const std::string& path);

/// The files \p scenario reads: (where it read each, where ResolvedToml names it).
std::vector<std::pair<std::string, std::string>> ScenarioFiles(const Scenario& scenario);

/// The closest of \p candidates to \p word, or "" if none is close.
std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates);

} // namespace gcsim

#endif
