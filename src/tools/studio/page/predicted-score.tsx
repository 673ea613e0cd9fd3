/** The simulated visitor's predicted_purchase: computed from the attributes above by the config's model. */
export function PredictedScore({ predicted }: { readonly predicted: number | null }) {
  if (predicted === null) return null;
  return (
    <p class="simulator__score">
      <code>predicted_purchase</code> <strong>{predicted.toFixed(4)}</strong> ({(predicted * 100).toFixed(1)}% likely to
      buy later in this visit, from the config's model)
    </p>
  );
}
