using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;

namespace Monitor.Alerts;

/// <summary>What a store needs to raise alerts inside its saves: the rules and who hears of what.</summary>
public sealed record AlertSetup(AlertDetector Detector, AlertRouter Router);
