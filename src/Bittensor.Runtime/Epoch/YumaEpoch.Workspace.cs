namespace Bittensor.Runtime.Epoch;

public sealed partial class YumaEpoch
{
    /// <summary>Working buffers, grown on demand and kept between epochs so steady-state epochs do not allocate.</summary>
    private sealed class Workspace
    {
        public int Count { get; private set; }

        // Per uid.
        public long[] Stake { get; private set; } = [];
        public long[] ActiveStake { get; private set; } = [];
        public long[] SortKeys { get; private set; } = [];
        public long[] PreRanks { get; private set; } = [];
        public long[] Consensus { get; private set; } = [];
        public long[] ValidatorTrust { get; private set; } = [];
        public long[] Ranks { get; private set; } = [];
        public long[] Trust { get; private set; } = [];
        public long[] Dividends { get; private set; } = [];
        public long[] Combined { get; private set; } = [];
        public long[] ColumnSum { get; private set; } = [];
        public int[] StakeRank { get; private set; } = [];
        public long[] RankedStake { get; private set; } = [];
        public int[] ColumnFill { get; private set; } = [];

        /// <summary>Column-indexed slots for sorting long rows; every slot is −1 between uses.</summary>
        public long[] ColumnSlots { get; private set; } = [];

        // Row and column offsets (n + 1).
        public int[] WeightRowStart { get; private set; } = [];
        public int[] BondRowStart { get; private set; } = [];
        public int[] EmaRowStart { get; private set; } = [];
        public int[] ColumnStart { get; private set; } = [];

        // Entries.
        public long[] RowKeys { get; private set; } = [];
        public int[] WeightColumns { get; private set; } = [];
        public long[] WeightValues { get; private set; } = [];
        public long[] DeltaValues { get; private set; } = [];
        public int[] ColumnRank { get; private set; } = [];
        public long[] ColumnValue { get; private set; } = [];
        public int[] BondColumns { get; private set; } = [];
        public long[] BondValues { get; private set; } = [];
        public int[] EmaColumns { get; private set; } = [];
        public long[] EmaValues { get; private set; } = [];

        // Weighted median members (at most n + 1).
        public long[] MemberStake { get; private set; } = [];
        public long[] MemberScore { get; private set; } = [];

        public void Prepare(int n, int weightEntries, int bondEntries)
        {
            Count = n;
            if (Stake.Length < n)
            {
                Stake = new long[n];
                ActiveStake = new long[n];
                SortKeys = new long[n];
                PreRanks = new long[n];
                Consensus = new long[n];
                ValidatorTrust = new long[n];
                Ranks = new long[n];
                Trust = new long[n];
                Dividends = new long[n];
                Combined = new long[n];
                ColumnSum = new long[n];
                StakeRank = new int[n];
                RankedStake = new long[n];
                ColumnFill = new int[n];
                ColumnSlots = new long[n];
                ColumnSlots.AsSpan().Fill(-1);
                WeightRowStart = new int[n + 1];
                BondRowStart = new int[n + 1];
                EmaRowStart = new int[n + 1];
                ColumnStart = new int[n + 1];
                MemberStake = new long[n + 1];
                MemberScore = new long[n + 1];
            }

            var rowKeys = Math.Max(weightEntries, bondEntries);
            if (RowKeys.Length < rowKeys)
            {
                RowKeys = new long[rowKeys];
            }

            if (WeightColumns.Length < weightEntries)
            {
                WeightColumns = new int[weightEntries];
                WeightValues = new long[weightEntries];
                DeltaValues = new long[weightEntries];
                ColumnRank = new int[weightEntries];
                ColumnValue = new long[weightEntries];
            }

            if (BondColumns.Length < bondEntries)
            {
                BondColumns = new int[bondEntries];
                BondValues = new long[bondEntries];
            }

            if (EmaColumns.Length < weightEntries + bondEntries)
            {
                EmaColumns = new int[weightEntries + bondEntries];
                EmaValues = new long[weightEntries + bondEntries];
            }
        }
    }
}
