import { Alert, Button, Result, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { describeError } from '../api/api-error';
import { useLocale } from '../i18n/locale-context';

export function PageLoading() {
  const { t } = useLocale();
  return (
    <div className="page-loading">
      <Spin tip={t('page.loading')} size="large">
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </div>
  );
}

/** Shows a failed load with the server's message and its details, in the reader's language. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useLocale();
  const { title, details } = describeError(error);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      message={title || t('page.loadFailed')}
      description={details.length > 0 ? <ul className="error-details">{details.map((detail) => <li key={detail}>{detail}</li>)}</ul> : undefined}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('page.retry')}</Button> : undefined}
    />
  );
}

export function NotFoundPage() {
  const { t } = useLocale();
  return (
    <Result
      status="404"
      title={t('page.notFound')}
      subTitle={t('page.notFoundHint')}
      extra={
        <Link to="/workbench">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}
