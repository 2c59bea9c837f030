#ifndef GCSIM_NETANIM_H
#define GCSIM_NETANIM_H

#include "models/network/network.h"
#include "scenario.h"

#include <cstdint>
#include <memory>
#include <ns3/nstime.h>
#include <string>
#include <vector>

namespace ns3
{
class AnimationInterface;
}

namespace gcsim
{

/// Networks with more nodes are not animated: NetAnim's XML grows with nodes and packets.
constexpr uint32_t kMaxNetAnimNodes = 2000;

/// Throws InputError (key output.netanim) if \p network is too large for NetAnim output.
void CheckNetAnimSize(const Scenario& scenario, const ns3::gcsim::Network& network);

/**
 * Places every node of \p network for NetAnim (ConstantPositionMobilityModel): one segment
 * (p2p, lan, star) as a circle, P1 at the top, the clients clockwise, a switch at the centre;
 * any other network in layers by hop count from P1, each layer ordered under its parents.
 */
void PlaceNodes(const ns3::gcsim::Network& network);

/**
 * Starts NetAnim's AnimationInterface writing \p file: the nodes placed and named (P1, C1,
 * R0, S0) and coloured (P1, members, non-members, routers, switches), packets recorded until
 * \p stop. Destroy it before Simulator::Destroy: that closes the file.
 *
 * \param members the group's client numbers, ascending
 */
std::unique_ptr<ns3::AnimationInterface> StartNetAnim(const ns3::gcsim::Network& network,
                                                      const std::vector<uint32_t>& members,
                                                      const std::string& file, ns3::Time stop);

} // namespace gcsim

#endif
