import type { GitHubClient } from '../deliver/github.js';
import { errorText } from '../deliver/github.js';
import type { RunResult } from '../deliver/result.js';
import type { Logger } from '../shared/log.js';

/**
 * One tracking comment per run, found by a hidden marker and updated in place (re-runs of the same run
 * update the same comment). Failures to post are warnings: progress reporting never fails a run.
 */
export class Tracker {
  private commentId?: number;

  constructor(
    private readonly octokit: GitHubClient,
    private readonly target: { owner: string; repo: string; issue: number; runId: string; runLink: string },
    private readonly logger: Logger,
  ) {}

  get marker(): string {
    return `<!-- sandbox-agent:tracking run=${this.target.runId} -->`;
  }

  async update(text: string): Promise<void> {
    const { owner, repo, issue } = this.target;
    const body = `${this.marker}\n${text}\n\n[Run log](${this.target.runLink})`;
    try {
      if (this.commentId === undefined) {
        const existing = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issue,
          per_page: 100,
        });
        this.commentId = existing.find((c) => c.body?.includes(this.marker))?.id;
      }
      if (this.commentId === undefined) {
        const { data } = await this.octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: issue,
          body,
        });
        this.commentId = data.id;
      } else {
        await this.octokit.rest.issues.updateComment({ owner, repo, comment_id: this.commentId, body });
      }
    } catch (error) {
      this.logger.warning(`Could not update the tracking comment: ${errorText(error)}`);
    }
  }

  async finish(result: RunResult): Promise<void> {
    const link = result.prUrl
      ? ` ${result.prUrl}`
      : result.artifactName
        ? ` (artifact \`${result.artifactName}\`)`
        : '';
    const reason = result.reason ? ` — \`${result.reason}\`` : '';
    await this.update(
      `**sandbox-agent: ${result.outcome}**${reason}${link}\n\n${result.message.replace(/[<>]/g, '')}`,
    );
  }
}
