#include "scratch-subdir-additional-header.h"

#include "gcsim/group/delivery-mode.h"

std::string
ScratchSubdirFunction()
{
    return "Scratch subdir: " + std::to_string(ns3::gcsim::DeliveryModeTable().size()) +
           " delivery modes";
}
