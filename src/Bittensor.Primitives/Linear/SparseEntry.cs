using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Primitives.Linear;

/// <summary>One stored entry of a sparse matrix row: the column and its value.</summary>
public readonly record struct SparseEntry(int Column, I32F32 Value);
