using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>Reads one whole call (module index, call index, arguments) from SCALE.</summary>
public delegate RuntimeCall CallDecoder(ref ScaleReader reader);
