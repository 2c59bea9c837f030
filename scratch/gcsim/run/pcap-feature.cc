// Row "pcap": one pcap file per device of every link (output.pcap), as Wireshark reads
// them: Ethernet frames on CSMA links, PPP frames on point-to-point links.
#include "run-feature.h"

#include <algorithm>
#include <filesystem>
#include <ns3/csma-net-device.h>
#include <ns3/simulator.h>
#include <ns3/trace-helper.h>
#include <sys/resource.h>

namespace gcsim
{

using namespace ns3;
using namespace ns3::gcsim;

namespace
{

void
EnablePcap(const Network& network, const std::string& prefix)
{
    PcapHelper pcap;
    for (const Link& link : network.links)
    {
        for (const auto& device : link.ends)
        {
            std::string file = prefix + "-" + link.name + "-" +
                               network.NodeName(device->GetNode()->GetId()) + ".pcap";
            bool csma = DynamicCast<CsmaNetDevice>(device) != nullptr;
            auto wrapper = pcap.CreateFile(file, std::ios::out,
                                           csma ? PcapHelper::DLT_EN10MB : PcapHelper::DLT_PPP);
            pcap.HookDefaultSink<NetDevice>(device, csma ? "Sniffer" : "PromiscSniffer", wrapper);
        }
    }
}

class PcapFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return !run.sinks.pcapPrefix.empty();
    }

    void Collectors(RunContext& run) override
    {
        FitPcapFiles(run.s, run.network);
        EnablePcap(run.network, run.sinks.pcapPrefix + run.fileLabel);
    }
};

} // namespace

// All open while a mode runs: without room even at the hard limit, ns-3's trace helper would
// abort halfway through opening them.
void
FitPcapFiles(const Scenario& s, const Network& network)
{
    uint64_t files = 0;
    for (const Link& link : network.links)
    {
        files += link.ends.size();
    }
    uint64_t open = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    {
        ++open;
    }
    const uint64_t spare = 64; // the CSV files, NetAnim's, the libraries'
    uint64_t needed = std::max<uint64_t>(open, 16) + files + spare;
    rlimit limit;
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
        limit.rlim_cur >= needed)
    {
        return;
    }
    if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= needed)
    {
        rlimit raised{rlim_t(needed), limit.rlim_max};
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
        {
            return;
        }
    }
    Simulator::Destroy();
    throw InputError(s.source, "output.pcap",
                     "writes one pcap file per device, " + std::to_string(files) +
                         " files open at once for this network (" +
                         std::to_string(network.links.size()) +
                         " links), but this process may open at most " +
                         std::to_string(uint64_t(limit.rlim_max)) +
                         " files (the hard limit, `ulimit -Hn`; " + std::to_string(open) +
                         " are open already). Set output.pcap = false, capture a smaller "
                         "network, or raise the hard limit");
}

std::unique_ptr<RunFeature>
MakePcapFeature()
{
    return std::make_unique<PcapFeature>();
}

} // namespace gcsim
