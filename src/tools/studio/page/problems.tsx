/** A validator problem as the CLI prints it: the expression with a caret under the mistake, the message, the hint. */
import type { ValidationProblem } from '../../../core/config/validate.js';

export function Problems({ problems }: { readonly problems: readonly ValidationProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="problems">
      {problems.map((problem, index) => (
        <div
          key={`${problem.path}:${index}`}
          class={`problem problem--${problem.severity}`}
          role={problem.severity === 'error' ? 'alert' : 'status'}
          data-path={problem.path}
        >
          {problem.excerpt && <pre class="problem__excerpt">{problem.excerpt}</pre>}
          <p class="problem__message">
            <strong>{problem.severity}</strong> {problem.message}
          </p>
          {problem.hint && <p class="problem__hint">hint: {problem.hint}</p>}
          {problem.alsoOff?.length ? (
            <p class="problem__hint">also off until this is fixed: {problem.alsoOff.join('; ')}</p>
          ) : null}
        </div>
      ))}
    </div>
  );
}
